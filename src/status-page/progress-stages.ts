import type { OrderStatus } from '../domain/order-status';

export const PROGRESS_STAGES = [
  { key: 'confirmed', label: 'Confirmed' },
  { key: 'packed', label: 'Packed' },
  { key: 'shipped', label: 'Shipped' },
  { key: 'out_for_delivery', label: 'Out for delivery' },
  { key: 'delivered', label: 'Delivered' },
] as const;
export type StageKey = (typeof PROGRESS_STAGES)[number]['key'];

/** The main stage each status has reached; null before the order is confirmed. */
const REACHED_STAGE: Record<Exclude<OrderStatus, PausedStatus>, StageKey | null> = {
  received: null,
  reserved: 'confirmed',
  backordered: 'confirmed',
  processing: 'confirmed',
  packed: 'packed',
  shipped: 'shipped',
  in_transit: 'shipped',
  out_for_delivery: 'out_for_delivery',
  available_for_pickup: 'out_for_delivery',
  delivery_attempted: 'out_for_delivery',
  delivery_failed: 'out_for_delivery',
  delivered: 'delivered',
};

/** Statuses that stop the order where it was; the stage shown is the one it had reached before. */
type PausedStatus = 'on_hold' | 'cancelled' | 'returned_to_sender';
const PAUSED: ReadonlySet<OrderStatus> = new Set<PausedStatus>([
  'on_hold',
  'cancelled',
  'returned_to_sender',
]);

export type StageState = 'done' | 'current' | 'upcoming';

export interface Progress {
  stages: { key: StageKey; label: string; state: StageState }[];
  /** True when the order is paused or stopped (on hold, cancelled, returned). */
  halted: boolean;
}

/**
 * The progress bar for a status. For a paused or stopped order, `before` is the status it left
 * (from the timeline); without it the bar shows no stage reached.
 */
export function progressOf(status: OrderStatus, before?: OrderStatus): Progress {
  const halted = PAUSED.has(status);
  const effective = halted ? before : status;
  const reached =
    effective && !PAUSED.has(effective) ? REACHED_STAGE[effective as keyof typeof REACHED_STAGE] : null;
  const reachedIndex = reached ? PROGRESS_STAGES.findIndex((stage) => stage.key === reached) : -1;
  return {
    halted,
    stages: PROGRESS_STAGES.map((stage, index) => ({
      key: stage.key,
      label: stage.label,
      state: index < reachedIndex ? 'done' : index === reachedIndex ? 'current' : 'upcoming',
    })),
  };
}
