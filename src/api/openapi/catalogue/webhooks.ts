import { SIGNED_WEBHOOK } from '../../../security/access';
import { fedexCompleteTrackResultSchema } from '../../../carriers/fedex/fedex-track-schema';
import { afterShipWebhookSchema } from '../../../carriers/webhooks/aftership-webhook';
import { easyPostEventSchema } from '../../../carriers/webhooks/easypost-webhook';
import { upsTrackAlertSchema } from '../../../carriers/webhooks/ups-webhook';
import { payloadSchema as sendGridEventsSchema } from '../../../notifications/feedback/sendgrid-events-router';
import { inboundSchema, statusSchema } from '../../../notifications/feedback/twilio-webhooks-router';
import type { ApiOperation, HeaderDoc, ResponseDoc } from '../operation';

const CARRIERS_TAG = 'Carrier webhooks';
const carrierAnswers: Record<number, ResponseDoc> = {
  202: { description: 'Verified; `accepted` events handed to their orders.', content: 'json' },
  400: { description: 'The body is not valid.' },
  401: { description: 'The signature or credential does not verify.' },
  429: {
    description:
      'Too many pushes from this address or carrier, or new events over an order’s rate (those were held back); deliver again after `Retry-After`.',
  },
  503: { description: 'The events could not be handed over; deliver again later.' },
};
const hmac = (header: string): Record<string, HeaderDoc> => ({
  [header]: { description: 'HMAC-SHA256 of the raw body with the webhook secret.', required: true },
});

/** Tracking pushes from FedEx, UPS, EasyPost and AfterShip; a carrier without secrets has no route. */
const CARRIER_OPERATIONS: ApiOperation[] = [
  {
    method: 'post',
    path: '/webhooks/fedex',
    summary: 'FedEx tracking push (a CompleteTrackResult)',
    tag: CARRIERS_TAG,
    audience: 'carrier',
    access: SIGNED_WEBHOOK,
    headers: hmac('fdx-signature'),
    body: { schema: fedexCompleteTrackResultSchema },
    responses: carrierAnswers,
    example: {
      headers: { 'fdx-signature': 'c2lnbmF0dXJl' },
      body: { trackingNumber: '794843185271', trackResults: [{}] },
    },
  },
  {
    method: 'post',
    path: '/webhooks/ups/token',
    summary: 'OAuth client-credentials token for UPS to push with',
    tag: CARRIERS_TAG,
    audience: 'carrier',
    access: SIGNED_WEBHOOK,
    headers: { authorization: { description: '`Basic` client ID and secret.', required: true } },
    body: { content: 'form', description: '`grant_type=client_credentials`' },
    responses: {
      200: { description: 'access_token, token_type, expires_in.', content: 'json' },
      400: { description: 'grant_type is not client_credentials.' },
      401: { description: 'The client credentials are not valid.' },
    },
    example: { headers: { authorization: 'Basic bm90OnZhbGlk' }, body: 'grant_type=client_credentials' },
  },
  {
    method: 'post',
    path: '/webhooks/ups',
    summary: 'UPS Track Alert push',
    tag: CARRIERS_TAG,
    audience: 'carrier',
    access: SIGNED_WEBHOOK,
    headers: {
      credential: { description: 'The Track Alert subscription credential, or a bearer token instead.' },
    },
    body: { schema: upsTrackAlertSchema },
    responses: carrierAnswers,
    example: {
      headers: { credential: 'not-the-credential' },
      body: { trackingNumber: '1Z5338FF0107231059', activityStatus: { type: 'I', code: 'IT' } },
    },
  },
  {
    method: 'post',
    path: '/webhooks/easypost',
    summary: 'EasyPost event (tracker.created, tracker.updated)',
    tag: CARRIERS_TAG,
    audience: 'carrier',
    access: SIGNED_WEBHOOK,
    headers: hmac('x-hmac-signature'),
    body: { schema: easyPostEventSchema },
    responses: carrierAnswers,
    example: {
      headers: { 'x-hmac-signature': 'hmac-sha256-hex=00' },
      body: { id: 'evt_1', description: 'tracker.updated', result: { tracking_code: 'EZ1000000001' } },
    },
  },
  {
    method: 'post',
    path: '/webhooks/aftership',
    summary: 'AfterShip tracking update',
    tag: CARRIERS_TAG,
    audience: 'carrier',
    access: SIGNED_WEBHOOK,
    headers: hmac('aftership-hmac-sha256'),
    body: { schema: afterShipWebhookSchema },
    responses: carrierAnswers,
    example: {
      headers: { 'aftership-hmac-sha256': 'c2lnbmF0dXJl' },
      body: {
        event: 'tracking_update',
        msg: { tracking_number: '1Z5338FF0107231059', slug: 'ups', checkpoints: [] },
      },
    },
  },
];

const PROVIDERS_TAG = 'Provider feedback';
const twilioSigned: Record<string, HeaderDoc> = {
  'x-twilio-signature': {
    description: 'Twilio’s signature over the public URL and form parameters.',
    required: true,
  },
};

/** Delivery feedback from the message providers. */
const PROVIDER_OPERATIONS: ApiOperation[] = [
  {
    method: 'post',
    path: '/webhooks/sendgrid/events',
    summary: 'SendGrid event webhook (delivered, bounce, dropped, unsubscribe…)',
    tag: PROVIDERS_TAG,
    audience: 'provider',
    access: SIGNED_WEBHOOK,
    headers: {
      'x-twilio-email-event-webhook-signature': { description: 'ECDSA signature.', required: true },
      'x-twilio-email-event-webhook-timestamp': { description: 'Signed timestamp.', required: true },
    },
    body: { schema: sendGridEventsSchema },
    responses: {
      200: { description: '`received` and newly `applied` events.', content: 'json' },
      400: { description: 'The body is not valid.' },
      403: { description: 'The signature does not verify.' },
      503: { description: 'No SendGrid public key is configured.' },
    },
    example: {
      headers: {
        'x-twilio-email-event-webhook-signature': 'bm90LXZhbGlk',
        'x-twilio-email-event-webhook-timestamp': '1764237600',
      },
      body: [{ event: 'delivered', sg_event_id: 'sg-evt-1', email: 'ada@example.com' }],
    },
  },
  {
    method: 'post',
    path: '/webhooks/twilio/status',
    summary: 'Twilio message status callback',
    tag: PROVIDERS_TAG,
    audience: 'provider',
    access: SIGNED_WEBHOOK,
    headers: twilioSigned,
    body: { schema: statusSchema, content: 'form' },
    responses: {
      204: { description: 'Recorded.' },
      400: { description: 'The form is not valid.' },
      403: { description: 'The signature does not verify.' },
    },
    example: {
      headers: { 'x-twilio-signature': 'bm90LXZhbGlk' },
      body: { MessageSid: 'SM0123456789abcdef', MessageStatus: 'delivered' },
    },
  },
  {
    method: 'post',
    path: '/webhooks/twilio/inbound',
    summary: 'Twilio inbound SMS: STOP opts out, START opts back in',
    tag: PROVIDERS_TAG,
    audience: 'provider',
    access: SIGNED_WEBHOOK,
    headers: twilioSigned,
    body: { schema: inboundSchema, content: 'form' },
    responses: {
      200: { description: 'An empty TwiML response.', content: 'xml' },
      403: { description: 'The signature does not verify.' },
    },
    example: {
      headers: { 'x-twilio-signature': 'bm90LXZhbGlk' },
      body: { From: '+14155550123', Body: 'STOP' },
    },
  },
];

export const WEBHOOK_OPERATIONS: ApiOperation[] = [...CARRIER_OPERATIONS, ...PROVIDER_OPERATIONS];
