/**
 * UPS Track Alert subscription requests as UPS reads them (specs/carriers/ups-track-alert-v1.yaml and
 * ups-track-alert.yaml): the error codes and messages are the spec's own.
 */

/** Where a v1 subscription's pushes go, and the credential UPS sends back in the `credential` header. */
export interface TrackAlertDestination {
  url: string;
  credentialType: string;
  credential: string;
}

export interface TrackAlertSubscriptionRequest {
  locale: string;
  trackingNumbers: string[];
  /** v1 only; v2 subscriptions push to the webhook set up in the UPS portal. */
  destination?: TrackAlertDestination;
}

export interface UpsErrorMessage {
  code: string;
  message: string;
}

export type SubscriptionReading =
  { ok: true; request: TrackAlertSubscriptionRequest } | { ok: false; error: UpsErrorMessage };

const MAX_TRACKING_NUMBERS = 100;
const LOCALE = /^[a-z]{2}_[A-Z]{2}$/;
const REJECTED = 'The Subscription request has been rejected.';

const rejected = (code: string, message: string): SubscriptionReading => ({
  ok: false,
  error: { code, message },
});

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readDestination(value: unknown): TrackAlertDestination | UpsErrorMessage {
  if (!isObject(value)) return { code: 'VSS500', message: `Destination is required. ${REJECTED}` };
  if (!nonEmptyString(value.url))
    return { code: 'VSS600', message: `URL is empty or not present. ${REJECTED}` };
  if (!nonEmptyString(value.credential))
    return { code: 'VSS700', message: `Credential is empty or not present. ${REJECTED}` };
  if (!nonEmptyString(value.credentialType))
    return { code: 'VSS800', message: `CredentialType is empty or not present. ${REJECTED}` };
  return { url: value.url, credentialType: value.credentialType, credential: value.credential };
}

/** Reads a subscription body for API version `version` ("v1" needs a destination). */
export function readSubscriptionRequest(version: string, body: unknown): SubscriptionReading {
  if (!isObject(body) || Object.keys(body).length === 0)
    return rejected('VSS110', `Subscription request is empty or not present. ${REJECTED}`);
  if (!nonEmptyString(body.locale)) return rejected('VSS300', `Locale is required. ${REJECTED}`);
  if (!LOCALE.test(body.locale)) return rejected('VSS310', `Please enter a valid locale. ${REJECTED}`);
  const list = body.trackingNumberList;
  if (!Array.isArray(list) || list.length === 0)
    return rejected('VSS200', `Tracking Number List is required. ${REJECTED}`);
  if (list.length > MAX_TRACKING_NUMBERS) {
    return rejected(
      'VSS220',
      'You have submitted over 100 tracking numbers which is not allowed. The entire submission of tracking numbers has been rejected.',
    );
  }
  const request: TrackAlertSubscriptionRequest = {
    locale: body.locale,
    trackingNumbers: list.map((number) => String(number)),
  };
  if (version !== 'v1') return { ok: true, request };
  const destination = readDestination(body.destination);
  if ('code' in destination) return { ok: false, error: destination };
  return { ok: true, request: { ...request, destination } };
}
