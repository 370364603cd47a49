/** Why a provider call did not result in an accepted message, in terms the delivery logic acts on. */
export type ProviderFailureKind =
  'recipient_rejected' | 'auth_failed' | 'request_invalid' | 'throttled' | 'unavailable' | 'timeout';

const RETRYABLE: ReadonlySet<ProviderFailureKind> = new Set(['throttled', 'unavailable', 'timeout']);

export class ProviderFailure extends Error {
  constructor(
    readonly kind: ProviderFailureKind,
    message: string,
    /** False when the provider may have accepted the message anyway (timeouts). */
    readonly definitelyNotSent: boolean,
    readonly retryAfterMs?: number,
    /** Provider-specific code (Twilio error code, FCM errorCode), for feedback handling. */
    readonly providerCode?: string,
  ) {
    super(message);
    this.name = 'ProviderFailure';
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }
}

/** Classifies an HTTP error status the way every provider here uses them. */
export function kindForStatus(status: number): ProviderFailureKind {
  if (status === 401 || status === 403) return 'auth_failed';
  if (status === 429) return 'throttled';
  if (status === 408 || status >= 500) return 'unavailable';
  return 'request_invalid';
}

export function retryAfterMs(header: string | null | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, 60_000);
  return undefined;
}

/** fetch() failures: an abort is a timeout (outcome unknown); a refused connection sent nothing. */
export function failureFromFetchError(provider: string, error: unknown): ProviderFailure {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ProviderFailure('timeout', `${provider} did not answer in time`, false);
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
  const refused = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(cause);
  return new ProviderFailure('unavailable', `${provider} could not be reached: ${cause}`, refused);
}
