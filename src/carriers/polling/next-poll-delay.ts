import type { TrackingStatus } from '../../domain/tracking-status';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Statuses after which the carrier has nothing more to tell about the outbound shipment. */
export const TERMINAL_TRACKING_STATUSES: ReadonlySet<TrackingStatus> = new Set<TrackingStatus>([
  'delivered',
  'returned_to_sender',
  'cancelled',
  'delivery_failed',
]);

export const POLL_DELAY_BOUNDS = { minMs: 30 * MINUTE, maxMs: 12 * HOUR } as const;

export interface PollCadenceInput {
  /** Epoch ms (a workflow passes Date.now(), which is deterministic there). */
  now: number;
  /** ISO instant the order shipped. */
  shippedAt: string;
  /** Carrier's estimated delivery: ISO date (the whole day counts) or date-time. */
  estimatedDelivery?: string;
  lastStatus: TrackingStatus;
}

/** End of the estimated delivery: a bare date means "by the end of that day". */
function estimatedDeliveryEnd(estimatedDelivery: string | undefined): number | undefined {
  if (!estimatedDelivery) return undefined;
  const value = /^\d{4}-\d{2}-\d{2}$/.test(estimatedDelivery)
    ? `${estimatedDelivery}T23:59:59Z`
    : estimatedDelivery;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}

/**
 * How long to wait before polling the carrier again, or null to stop (terminal status). Pure: the
 * order workflow calls it to set its timer. Slow while the package is far from delivery, fast on the
 * last leg and around the estimated delivery date, and slower again when a package is long overdue
 * (it is stuck; the stuck-shipment SLA takes it from there).
 */
export function nextPollDelay(input: PollCadenceInput): number | null {
  const { now, lastStatus } = input;
  if (TERMINAL_TRACKING_STATUSES.has(lastStatus)) return null;

  const clamp = (ms: number) => Math.min(POLL_DELAY_BOUNDS.maxMs, Math.max(POLL_DELAY_BOUNDS.minMs, ms));

  // On the last leg a change is expected within hours.
  if (lastStatus === 'out_for_delivery') return clamp(30 * MINUTE);
  if (lastStatus === 'delivery_attempted' || lastStatus === 'available_for_pickup') return clamp(2 * HOUR);
  if (lastStatus === 'exception') return clamp(2 * HOUR);

  const eddEnd = estimatedDeliveryEnd(input.estimatedDelivery);
  if (eddEnd !== undefined) {
    const untilEdd = eddEnd - now;
    if (untilEdd < -2 * DAY) return clamp(6 * HOUR);
    if (untilEdd <= DAY) return clamp(HOUR);
    if (untilEdd <= 2 * DAY) return clamp(3 * HOUR);
    // Far out: slow, but wake up in time for the last two days before the EDD.
    return clamp(Math.min(12 * HOUR, untilEdd - 2 * DAY));
  }

  const shippedAt = Date.parse(input.shippedAt);
  const sinceShipped = Number.isNaN(shippedAt) ? 0 : now - shippedAt;
  if (lastStatus === 'pre_transit' || lastStatus === 'unknown')
    return clamp(sinceShipped < DAY ? 6 * HOUR : 4 * HOUR);
  // In transit without an estimate: most parcels arrive within 2–5 days, so tighten as days pass.
  if (sinceShipped < DAY) return clamp(8 * HOUR);
  if (sinceShipped < 3 * DAY) return clamp(4 * HOUR);
  return clamp(2 * HOUR);
}
