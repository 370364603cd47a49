import { DEFAULT_MAX_BUCKETS, TokenBuckets } from '../../intake/spikes/token-bucket';

export const DEFAULT_CARRIER_EVENTS_PER_ORDER_PER_MINUTE = 60;

/** CARRIER_EVENTS_PER_ORDER_PER_MINUTE: new carrier events one order takes a minute (default 60). */
export function carrierEventsPerOrderFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.CARRIER_EVENTS_PER_ORDER_PER_MINUTE?.trim();
  if (text === undefined || text === '') return DEFAULT_CARRIER_EVENTS_PER_ORDER_PER_MINUTE;
  const perMinute = Number(text);
  if (!Number.isInteger(perMinute) || perMinute < 1) {
    throw new Error('CARRIER_EVENTS_PER_ORDER_PER_MINUTE must be a whole number of 1 or more');
  }
  return perMinute;
}

/** What fits of one order's new events now. */
export interface Admission {
  admitted: number;
  /** When not every event fitted: seconds until the order takes another. */
  retryAfterSeconds?: number;
}

/**
 * A token bucket per order: `perMinute` events at once, then `perMinute` a minute. At most `maxOrders`
 * buckets are kept, the least recently used dropped first, so made-up tracking pushes cannot grow memory.
 */
export class CarrierEventLimiter {
  private readonly buckets: TokenBuckets;

  constructor(perMinute: number, maxOrders = DEFAULT_MAX_BUCKETS, now?: () => number) {
    const limit = { perSecond: perMinute / 60, burst: perMinute };
    this.buckets = new TokenBuckets(() => limit, now, maxOrders);
  }

  get trackedOrders(): number {
    return this.buckets.size;
  }

  admit(orderId: string, count: number): Admission {
    for (let admitted = 0; admitted < count; admitted += 1) {
      const taken = this.buckets.take(orderId);
      if (!taken.allowed) return { admitted, retryAfterSeconds: taken.retryAfterSeconds };
    }
    return { admitted: count };
  }
}
