import type { OrderStatus } from './order-status';

/** The moves an order can make. Each event maps to at most one move. */
export const MOVES = [
  'reserve',
  'backorder',
  'pick',
  'pack',
  'ship',
  'depart',
  'go_out_for_delivery',
  'await_pickup',
  'attempt_delivery',
  'fail_delivery',
  'deliver',
  'return_to_sender',
  'hold',
  'release',
  'cancel',
] as const;
export type Move = (typeof MOVES)[number];

/** Marks the one move whose target is not fixed: release returns to the state held from. */
export const RETURN_TO_HELD_STATE = 'held-from' as const;
type Target = OrderStatus | typeof RETURN_TO_HELD_STATE;

const AFTER_DISPATCH = {
  go_out_for_delivery: 'out_for_delivery',
  await_pickup: 'available_for_pickup',
  attempt_delivery: 'delivery_attempted',
  fail_delivery: 'delivery_failed',
  deliver: 'delivered',
  return_to_sender: 'returned_to_sender',
} as const satisfies Partial<Record<Move, OrderStatus>>;

const BEFORE_SHIPMENT = { hold: 'on_hold', cancel: 'cancelled' } as const satisfies Partial<
  Record<Move, OrderStatus>
>;

/**
 * The lifecycle, exhaustively: every state lists the only moves it allows. Inventory decides
 * reserved vs backordered; warehouse progress drives processing → packed → shipped; carriers drive
 * the rest. Cancellation is allowed until shipped. Shipment progress only moves forward, except that a
 * failed attempt may go out for delivery again and a delivered parcel may still be returned to sender.
 */
export const TRANSITIONS: Record<OrderStatus, Partial<Record<Move, Target>>> = {
  received: { reserve: 'reserved', backorder: 'backordered', cancel: 'cancelled' },
  backordered: { reserve: 'reserved', ...BEFORE_SHIPMENT },
  reserved: { pick: 'processing', ...BEFORE_SHIPMENT },
  processing: { pack: 'packed', ...BEFORE_SHIPMENT },
  packed: { ship: 'shipped', ...BEFORE_SHIPMENT },
  on_hold: { release: RETURN_TO_HELD_STATE, cancel: 'cancelled' },
  shipped: { depart: 'in_transit', ...AFTER_DISPATCH },
  in_transit: AFTER_DISPATCH,
  out_for_delivery: {
    await_pickup: 'available_for_pickup',
    attempt_delivery: 'delivery_attempted',
    fail_delivery: 'delivery_failed',
    deliver: 'delivered',
    return_to_sender: 'returned_to_sender',
  },
  available_for_pickup: {
    deliver: 'delivered',
    fail_delivery: 'delivery_failed',
    return_to_sender: 'returned_to_sender',
  },
  delivery_attempted: AFTER_DISPATCH,
  delivery_failed: {
    go_out_for_delivery: 'out_for_delivery',
    await_pickup: 'available_for_pickup',
    deliver: 'delivered',
    return_to_sender: 'returned_to_sender',
  },
  delivered: { return_to_sender: 'returned_to_sender' },
  returned_to_sender: {},
  cancelled: {},
};

export function allowedMoves(status: OrderStatus): Move[] {
  return Object.keys(TRANSITIONS[status]) as Move[];
}

/** The target of a move, or undefined when the table does not allow it. */
export function targetOf(status: OrderStatus, move: Move, heldFrom?: OrderStatus): OrderStatus | undefined {
  const target = TRANSITIONS[status][move];
  if (target === RETURN_TO_HELD_STATE) return heldFrom;
  return target;
}
