import { createHash, sign, type KeyObject } from 'node:crypto';
import twilio from 'twilio';
import type { ApiOperation } from '../../../src/api/openapi/operation';
import { signAfterShipBody } from '../../../src/carriers/webhooks/aftership-webhook';
import { signEasyPostBody } from '../../../src/carriers/webhooks/easypost-webhook';
import { signFedexBody } from '../../../src/carriers/webhooks/fedex-webhook';
import { hmacSha256Base64 } from '../../../src/intake/channels/signature';
import { issueCustomerLink, issueOrderLink } from '../../../src/security/customer-links';
import type { CredentialMode, Credentials, WireRequest } from './requests';

/** The secrets the fuzzed stack was configured with, so a hostile body can pass its route's door. */
export interface DoorSecrets {
  shopify: string;
  woocommerce: string;
  square: { key: string; notificationUrl: string };
  amazonToken: string;
  restKey: string;
  fedexToken: string;
  upsCredential: string;
  upsClient: { id: string; secret: string };
  easypost: string;
  aftership: string;
  twilio: { authToken: string; publicBaseUrl: string };
  sendgridKey: KeyObject;
  /** An admin bearer token for operator routes (OPS_BOOTSTRAP_TOKEN). */
  operatorToken: string;
  /** A channel key of the web account the catalogue's POST /orders example names. */
  webKey: string;
}

type Headers = Record<string, string>;
type Door = (request: WireRequest, secrets: DoorSecrets) => Headers;

const raw = (request: WireRequest) => request.body ?? '';
const deliveryId = (request: WireRequest) =>
  createHash('sha256')
    .update(`${request.path}\n${raw(request)}`)
    .digest('hex')
    .slice(0, 32);

function twilioHeaders(request: WireRequest, secrets: DoorSecrets): Headers {
  const params = Object.fromEntries(new URLSearchParams(raw(request)));
  const url = `${secrets.twilio.publicBaseUrl}${request.path}`;
  return { 'x-twilio-signature': twilio.getExpectedTwilioSignature(secrets.twilio.authToken, url, params) };
}

function sendgridHeaders(request: WireRequest, secrets: DoorSecrets): Headers {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign('sha256', Buffer.from(timestamp + raw(request)), secrets.sendgridKey);
  return {
    'x-twilio-email-event-webhook-signature': signature.toString('base64'),
    'x-twilio-email-event-webhook-timestamp': timestamp,
  };
}

/** Doors that sign or authenticate the exact request, by the route's express path. */
const SIGNED_DOORS: Record<string, Door> = {
  '/intake/shopify/:accountId': (r, s) => ({
    'x-shopify-topic': 'orders/create',
    'x-shopify-webhook-id': deliveryId(r),
    'x-shopify-hmac-sha256': hmacSha256Base64(s.shopify, raw(r)),
  }),
  '/intake/woocommerce/:accountId': (r, s) => ({
    'x-wc-webhook-topic': 'order.created',
    'x-wc-webhook-delivery-id': deliveryId(r),
    'x-wc-webhook-signature': hmacSha256Base64(s.woocommerce, raw(r)),
  }),
  '/intake/amazon/notifications': (_r, s) => ({ authorization: `Bearer ${s.amazonToken}` }),
  '/intake/square/:accountId': (r, s) => ({
    'x-square-hmacsha256-signature': hmacSha256Base64(s.square.key, s.square.notificationUrl, raw(r)),
  }),
  '/intake/rest/:accountId': (r, s) => ({
    authorization: `Bearer ${s.restKey}`,
    'idempotency-key': deliveryId(r),
  }),
  '/webhooks/fedex': (r, s) => ({ 'fdx-signature': signFedexBody(raw(r), s.fedexToken) }),
  '/webhooks/ups': (_r, s) => ({ credential: s.upsCredential }),
  '/webhooks/ups/token': (_r, s) => ({
    authorization: `Basic ${Buffer.from(`${s.upsClient.id}:${s.upsClient.secret}`).toString('base64')}`,
  }),
  '/webhooks/easypost': (r, s) => ({ 'x-hmac-signature': signEasyPostBody(raw(r), s.easypost) }),
  '/webhooks/aftership': (r, s) => ({ 'aftership-hmac-sha256': signAfterShipBody(raw(r), s.aftership) }),
  '/webhooks/sendgrid/events': sendgridHeaders,
  '/webhooks/twilio/status': twilioHeaders,
  '/webhooks/twilio/inbound': twilioHeaders,
};

const FORGED_KEY = `ik_${'0'.repeat(16)}_${'A'.repeat(43)}`;
const bearer = (token: string): Headers => ({ authorization: `Bearer ${token}` });

/** The route's door as the catalogue declares it; older catalogues say only who calls it. */
function doorOf(operation: ApiOperation): string {
  const declared = (operation as { access?: { door?: string } }).access?.door;
  if (declared) return declared;
  return operation.audience === 'ops' || operation.audience === 'warehouse' ? 'operator' : 'public';
}

const decoded = (segment: string | undefined) => {
  try {
    return decodeURIComponent(segment ?? '');
  } catch {
    return segment ?? '';
  }
};

/** A link for the order or customer the path names (forged: for another one). */
function customerLink(request: WireRequest, mode: CredentialMode): Headers {
  const { orderId, customerId } = request.params;
  const other = mode === 'forged' ? ':other' : '';
  if (orderId !== undefined) return bearer(issueOrderLink(`${decoded(orderId)}${other}`));
  const customer = `${customerId === undefined ? 'c-1' : decoded(customerId)}${other}`;
  return bearer(issueCustomerLink({ channel: 'web', accountId: 'acme', customerId: customer }));
}

function doorHeaders(
  operation: ApiOperation,
  request: WireRequest,
  secrets: DoorSecrets,
  mode: CredentialMode,
): Headers {
  if (mode === 'none') return {};
  switch (doorOf(operation)) {
    case 'operator':
      return {
        'x-ops-actor': 'fuzz@ops',
        ...bearer(mode === 'valid' ? secrets.operatorToken : 'not-a-token'),
      };
    case 'channel-key':
      return bearer(mode === 'valid' ? secrets.webKey : FORGED_KEY);
    case 'customer-link':
      return customerLink(request, mode);
    default:
      return {};
  }
}

/** Credentials for the fuzzed stack: valid ones computed over the exact body, forged ones, or none. */
export function doorCredentials(secrets: DoorSecrets): Credentials {
  return (operation, request, mode) => {
    const door = SIGNED_DOORS[operation.path];
    if (door) {
      if (mode === 'valid') return door(request, secrets);
      return mode === 'forged' ? { ...operation.example?.headers } : {};
    }
    return doorHeaders(operation, request, secrets, mode);
  };
}
