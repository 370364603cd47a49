/**
 * Carrier API failures. Each class has its own `name`: a Temporal activity that throws one fails with
 * that name as its type, so the retry policy can list the non-retryable ones by name.
 */
export class CarrierError extends Error {
  constructor(
    message: string,
    readonly carrier: string,
    readonly httpStatus?: number,
    readonly carrierCode?: string,
  ) {
    super(message);
  }
}

/** The carrier rejected the request (4xx other than 429): repeating it unchanged cannot succeed. */
export class CarrierRequestRejectedError extends CarrierError {
  override readonly name = 'CarrierRequestRejected';
}

/** Our credentials were refused by the carrier's token endpoint. */
export class CarrierAuthRejectedError extends CarrierError {
  override readonly name = 'CarrierAuthRejected';
}

/** The carrier answered with a body that does not have the documented shape. */
export class CarrierResponseInvalidError extends CarrierError {
  override readonly name = 'CarrierResponseInvalid';
}

/** 429, 5xx or a network failure that outlasted our bounded retries: worth retrying later. */
export class CarrierUnavailableError extends CarrierError {
  override readonly name = 'CarrierUnavailable';
  constructor(
    message: string,
    carrier: string,
    httpStatus?: number,
    carrierCode?: string,
    /** The carrier's Retry-After, when it gave one, in milliseconds. */
    readonly retryAfterMs?: number,
  ) {
    super(message, carrier, httpStatus, carrierCode);
  }
}

/** Error types a Temporal retry policy must not retry (`nonRetryableErrorTypes`). */
export const nonRetryableErrorTypes: readonly string[] = [
  'CarrierRequestRejected',
  'CarrierAuthRejected',
  'CarrierResponseInvalid',
];
