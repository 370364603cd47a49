import { sendWithRetry, readJson, type ResolvedHttp } from './carrier-http';
import { CarrierAuthRejectedError, CarrierRequestRejectedError } from './errors';
import type { TokenCache } from './token-cache';

/**
 * Sends a bearer-authorized request. A 401 means the cached token went stale: it is dropped, a fresh one
 * fetched, and the request sent once more; a second 401 means our credentials are no good.
 */
export async function sendAuthorized(
  carrier: string,
  http: ResolvedHttp,
  tokens: TokenCache,
  url: string,
  init: (token: string) => RequestInit,
): Promise<Response> {
  const token = await tokens.get();
  const first = await sendWithRetry(carrier, http, url, () => init(token));
  if (first.status !== 401) return first;
  await first.body?.cancel();
  tokens.invalidate(token);
  const fresh = await tokens.get();
  const second = await sendWithRetry(carrier, http, url, () => init(fresh));
  if (second.status === 401) {
    const { code, message } = carrierErrorOf(await readJson(second));
    throw new CarrierAuthRejectedError(`${carrier}: fresh token refused: ${message}`, carrier, 401, code);
  }
  return second;
}

/** The first error of a FedEx ({errors: [...]}) or UPS ({response: {errors: [...]}}) error body. */
export function carrierErrorOf(body: unknown): { code?: string; message: string } {
  const root = body as { errors?: unknown; response?: { errors?: unknown } } | undefined;
  const list = Array.isArray(root?.errors)
    ? root.errors
    : Array.isArray(root?.response?.errors)
      ? root.response.errors
      : [];
  const first = list[0] as { code?: unknown; message?: unknown } | undefined;
  const code = typeof first?.code === 'string' ? first.code : undefined;
  const message = typeof first?.message === 'string' ? first.message : 'no error detail';
  return { code, message };
}

/** Turns a 4xx answer (other than 429, which never gets here) into the typed non-retryable error. */
export async function rejection(
  carrier: string,
  url: string,
  response: Response,
): Promise<CarrierRequestRejectedError> {
  const { code, message } = carrierErrorOf(await readJson(response));
  return new CarrierRequestRejectedError(
    `${carrier}: HTTP ${response.status} from ${url}${code ? ` (${code})` : ''}: ${message}`,
    carrier,
    response.status,
    code,
  );
}
