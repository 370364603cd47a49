import { CHANNEL_KEY, SIGNED_WEBHOOK } from '../../../security/access';
import { amazonNotificationSchema } from '../../../intake/channels/amazon';
import { restOrderSchema } from '../../../intake/channels/rest';
import { shopifyOrderSchema } from '../../../intake/channels/shopify';
import { squareEventSchema } from '../../../intake/channels/square';
import { wooOrderSchema } from '../../../intake/channels/woocommerce';
import { pathText, type ApiOperation, type ResponseDoc } from '../operation';

const account = { accountId: pathText };
const intakeAnswers: Record<number, ResponseDoc> = {
  200: { description: 'Acknowledged without reading (a channel’s ping or test delivery).', content: 'json' },
  201: { description: 'A new order: its workflow started.', content: 'json' },
  202: {
    description:
      'A duplicate, stale copy, cancellation, or traffic that is not an order; the body says which.',
    content: 'json',
  },
  400: { description: 'Not parseable; kept as a dead letter.' },
  401: { description: 'The signature or API key does not verify.' },
  422: { description: 'Not a valid order, or it could not be fetched; kept as a dead letter.' },
  429: { description: 'The channel is over its rate; `Retry-After` says when to send again.' },
  503: { description: 'Intake is temporarily unavailable; the channel should retry.' },
};
const signedBy = (header: string) => ({
  [header]: {
    description: 'HMAC signature of the raw body with the account’s webhook secret.',
    required: true,
  },
});

/** The sales channels' doors: signed webhooks and the REST channel with API keys. */
export const CHANNEL_OPERATIONS: ApiOperation[] = [
  {
    method: 'post',
    path: '/intake/shopify/:accountId',
    summary: 'Shopify order webhook (orders/create, orders/updated, orders/cancelled)',
    tag: 'Sales channels',
    audience: 'sales channel',
    access: SIGNED_WEBHOOK,
    params: account,
    headers: signedBy('x-shopify-hmac-sha256'),
    body: { schema: shopifyOrderSchema },
    responses: intakeAnswers,
    example: {
      params: { accountId: 'acme-shop' },
      headers: { 'x-shopify-topic': 'orders/create', 'x-shopify-hmac-sha256': 'c2lnbmF0dXJl' },
      body: {
        id: 450789469,
        created_at: '2026-11-27T10:00:00-05:00',
        currency: 'USD',
        total_price: '12.50',
        line_items: [{ sku: 'SKU-MUG', quantity: 1, price: '12.50' }],
      },
    },
  },
  {
    method: 'post',
    path: '/intake/woocommerce/:accountId',
    summary: 'WooCommerce order webhook (order.created, order.updated)',
    tag: 'Sales channels',
    audience: 'sales channel',
    access: SIGNED_WEBHOOK,
    params: account,
    headers: signedBy('x-wc-webhook-signature'),
    body: { schema: wooOrderSchema },
    responses: intakeAnswers,
    example: {
      params: { accountId: 'acme-woo' },
      headers: { 'x-wc-webhook-topic': 'order.created', 'x-wc-webhook-signature': 'c2lnbmF0dXJl' },
      body: {
        id: 727,
        status: 'processing',
        currency: 'USD',
        total: '12.50',
        billing: { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' },
        shipping: { address_1: '1 Analytical Way', city: 'New York', postcode: '10001', country: 'US' },
        line_items: [{ sku: 'SKU-MUG', quantity: 1, subtotal: '12.50' }],
      },
    },
  },
  {
    method: 'post',
    path: '/intake/amazon/notifications',
    summary: 'Amazon SP-API ORDER_CHANGE notification',
    description: 'The order itself is then read from the Orders API of the seller the notification names.',
    tag: 'Sales channels',
    audience: 'sales channel',
    access: SIGNED_WEBHOOK,
    body: { schema: amazonNotificationSchema },
    responses: intakeAnswers,
    example: {
      body: {
        NotificationType: 'ORDER_CHANGE',
        Payload: {
          OrderChangeNotification: { SellerId: 'A3TH9S8BH6GOGM', AmazonOrderId: '113-4720185-3390661' },
        },
        NotificationMetadata: { NotificationId: 'd0e9e693-c3ad-4373-979f-ed4ec98dd746' },
      },
    },
  },
  {
    method: 'post',
    path: '/intake/square/:accountId',
    summary: 'Square order webhook (order.created, order.updated, order.fulfillment.updated)',
    tag: 'Sales channels',
    audience: 'sales channel',
    access: SIGNED_WEBHOOK,
    params: account,
    headers: signedBy('x-square-hmacsha256-signature'),
    body: { schema: squareEventSchema },
    responses: intakeAnswers,
    example: {
      params: { accountId: 'acme-square' },
      headers: { 'x-square-hmacsha256-signature': 'c2lnbmF0dXJl' },
      body: {
        merchant_id: 'MLEFBHHSJGVHD',
        type: 'order.created',
        event_id: '116038d3-2948-439f-8679-fc86cbf1a9b5',
        data: { type: 'order', id: 'eA3vssLHKJrv9H0IdJCM3gNqfdcZY' },
      },
    },
  },
  {
    method: 'post',
    path: '/intake/rest/:accountId',
    summary: 'An order from a custom storefront (REST channel)',
    description: 'The canonical order without channel and account, which come from the API key.',
    tag: 'Sales channels',
    audience: 'sales channel',
    access: CHANNEL_KEY,
    params: account,
    headers: {
      authorization: {
        description: '`Bearer <key>` issued by POST /ops/intake/channel-keys.',
        required: true,
      },
    },
    body: { schema: restOrderSchema },
    responses: intakeAnswers,
    example: {
      params: { accountId: 'acme-rest' },
      headers: { authorization: 'Bearer ck_example' },
      body: {
        externalId: 'R-1001',
        placedAt: '2026-11-27T10:00:00Z',
        customer: { id: 'c-1', name: 'Ada Lovelace', email: 'ada@example.com' },
        lines: [{ sku: 'SKU-MUG', quantity: 1, unitPriceMinor: 1250 }],
        currency: 'USD',
        shippingAddress: {
          name: 'Ada Lovelace',
          line1: '1 Analytical Way',
          city: 'New York',
          postalCode: '10001',
          country: 'US',
        },
      },
    },
  },
];
