export const ORDER_STATUSES = [
  'received',
  'reserved',
  'backordered',
  'processing',
  'packed',
  'shipped',
  'in_transit',
  'out_for_delivery',
  'available_for_pickup',
  'delivery_attempted',
  'delivery_failed',
  'delivered',
  'returned_to_sender',
  'on_hold',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** States no event can leave. */
export const TERMINAL_STATUSES: ReadonlySet<OrderStatus> = new Set(['cancelled', 'returned_to_sender']);

export function isTerminal(status: OrderStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}
