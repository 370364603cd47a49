import type { ProviderFailureKind } from '../providers/provider-failure';

/** ApplicationFailure types the deliver activity throws; the workflow's retry policy keys on them. */
export const DELIVERY_FAILURE_TYPES: Readonly<Record<ProviderFailureKind, string>> = {
  recipient_rejected: 'RecipientRejected',
  auth_failed: 'ProviderAuthFailed',
  request_invalid: 'ProviderRequestInvalid',
  throttled: 'ProviderThrottled',
  unavailable: 'ProviderUnavailable',
  timeout: 'ProviderTimeout',
};
export const RECIPIENT_MISSING = 'RecipientMissing';
export const DELIVERY_IN_FLIGHT = 'DeliveryInFlight';

export const NON_RETRYABLE_DELIVERY_FAILURES = [
  DELIVERY_FAILURE_TYPES.recipient_rejected,
  DELIVERY_FAILURE_TYPES.auth_failed,
  DELIVERY_FAILURE_TYPES.request_invalid,
  RECIPIENT_MISSING,
];
