export interface RateLimit {
  perSecond: number;
  burst: number;
}

export type TakeResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Keys kept at most, unless told otherwise: a few MB of memory whatever callers send. */
export const DEFAULT_MAX_BUCKETS = 50_000;

/**
 * One token bucket per key (channel account, client address, order), refilled lazily on use: O(1) per
 * request and no timers. At most `maxKeys` buckets are kept: the least recently used one is dropped
 * first, so keys a hostile caller makes up cannot grow memory without limit (a dropped key starts
 * again with a full bucket). Each API process enforces its own buckets; with N processes behind a
 * balancer set the rates to 1/N.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limitFor: (key: string) => RateLimit,
    private readonly now: () => number = () => performance.now(),
    private readonly maxKeys: number = DEFAULT_MAX_BUCKETS,
  ) {}

  get size(): number {
    return this.buckets.size;
  }

  take(key: string): TakeResult {
    const limit = this.limitFor(key);
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: limit.burst, at: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.perSecond);
    bucket.at = now;
    // Re-inserting moves the key to the end of the Map's order: the first key is the least recently used.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond)),
    };
  }
}
