export interface RateLimit {
  perSecond: number;
  burst: number;
}

export type TakeResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * One token bucket per key (channel account), refilled lazily on use: O(1) per request and no timers.
 * Each API process enforces its own buckets; with N processes behind a balancer set the rates to 1/N.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limitFor: (key: string) => RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {}

  take(key: string): TakeResult {
    const limit = this.limitFor(key);
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: limit.burst, at: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
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
