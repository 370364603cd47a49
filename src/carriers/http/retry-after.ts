/**
 * Reads a Retry-After header (delay-seconds or an HTTP-date) as milliseconds from `now`.
 * Undefined when absent or unreadable; never negative.
 */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number.parseFloat(value) * 1000);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

export interface BackoffOptions {
  /** First retry delay in ms. */
  initialDelayMs: number;
  /** Upper bound of any computed delay in ms. */
  maxDelayMs: number;
}

/** Exponential backoff for retry number `attempt` (1-based), with the carrier's Retry-After taking precedence. */
export function retryDelay(attempt: number, options: BackoffOptions, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, options.maxDelayMs);
  return Math.min(options.initialDelayMs * 2 ** (attempt - 1), options.maxDelayMs);
}
