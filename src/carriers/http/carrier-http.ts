import type { z } from 'zod';
import { recordCarrierAttempt } from '../../observability/carrier-metrics';
import { CarrierResponseInvalidError, CarrierUnavailableError } from './errors';
import { parseRetryAfter, retryDelay } from './retry-after';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** How a carrier client talks HTTP; everything has a default, tests inject sleep and the clock. */
export interface CarrierHttpOptions {
  fetch?: FetchLike;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Attempts per request, the first included (429, 5xx and network errors are retried). Default 4. */
  maxAttempts?: number;
  /** First backoff delay. Default 250 ms, doubling per retry. */
  initialDelayMs?: number;
  /** Longest single wait, backoff or Retry-After. Default 10 s; a longer Retry-After fails fast instead. */
  maxDelayMs?: number;
  /** Per-attempt timeout. Default 15 s. */
  timeoutMs?: number;
}

export interface ResolvedHttp {
  fetch: FetchLike;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

export function resolveHttp(options: CarrierHttpOptions = {}): ResolvedHttp {
  return {
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    now: options.now ?? Date.now,
    maxAttempts: Math.max(1, options.maxAttempts ?? 4),
    initialDelayMs: options.initialDelayMs ?? 250,
    maxDelayMs: options.maxDelayMs ?? 10_000,
    timeoutMs: options.timeoutMs ?? 15_000,
  };
}

function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * Sends one logical request, retrying 429, 5xx and network failures with exponential backoff that
 * honours Retry-After. Returns the first response that is not retryable (2xx or 4xx); throws
 * CarrierUnavailableError once the attempts are used up or the carrier asks us to wait longer than
 * maxDelayMs (the caller's own retry, e.g. Temporal's, then takes over).
 */
export async function sendWithRetry(
  carrier: string,
  http: ResolvedHttp,
  url: string,
  init: () => RequestInit,
): Promise<Response> {
  for (let attempt = 1; ; attempt += 1) {
    let response: Response;
    const startedAt = Date.now();
    try {
      response = await http.fetch(url, { ...init(), signal: AbortSignal.timeout(http.timeoutMs) });
      recordCarrierAttempt(carrier, startedAt, response.status);
    } catch (error) {
      recordCarrierAttempt(carrier, startedAt, undefined);
      if (attempt >= http.maxAttempts) {
        throw new CarrierUnavailableError(`${carrier}: ${url} unreachable: ${String(error)}`, carrier);
      }
      await http.sleep(retryDelay(attempt, http));
      continue;
    }
    if (!isRetryableStatus(response.status)) return response;

    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), http.now());
    await response.body?.cancel();
    const waitTooLong = retryAfterMs !== undefined && retryAfterMs > http.maxDelayMs;
    if (attempt >= http.maxAttempts || waitTooLong) {
      throw new CarrierUnavailableError(
        `${carrier}: HTTP ${response.status} from ${url} after ${attempt} attempt(s)`,
        carrier,
        response.status,
        undefined,
        retryAfterMs,
      );
    }
    await http.sleep(retryDelay(attempt, http, retryAfterMs));
  }
}

/** Reads a JSON body, or undefined when it is not JSON. */
export async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads a JSON body that must have the documented shape; any other answer is CarrierResponseInvalid. */
export async function readDocumentedJson<T>(
  carrier: string,
  what: string,
  response: Response,
  schema: z.ZodType<T>,
): Promise<T> {
  const parsed = schema.safeParse(await readJson(response));
  if (!parsed.success) {
    throw new CarrierResponseInvalidError(
      `${carrier}: ${what}: ${parsed.error.message}`,
      carrier,
      response.status,
    );
  }
  return parsed.data;
}
