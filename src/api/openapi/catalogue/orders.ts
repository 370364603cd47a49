import { CHANNEL_KEY, auditedOperator, operator } from '../../../security/access';
import { orderSubmissionSchema } from '../../../domain/order';
import {
  cancelSchema,
  fulfillmentEventSchema,
  holdSchema,
  releaseSchema,
  restockSchema,
  stockLevelSchema,
} from '../../request-schemas';
import { pathText, type ApiOperation } from '../operation';

const orderId = { id: pathText };
const anOrder = { id: 'web:acme:1001' };
const orderChange = {
  200: { description: 'Applied, or a duplicate of an applied event (`outcome`).', content: 'json' },
  400: { description: 'The body is not valid.' },
  404: { description: 'No such order.' },
  409: { description: 'The lifecycle refuses the change in the order’s current state.' },
} as const;

/** `POST /orders` and the order's own routes: reading it, warehouse events, hold, release, cancel. */
export const ORDER_OPERATIONS: ApiOperation[] = [
  {
    method: 'post',
    path: '/orders',
    summary: 'Submit an order (the web sales channel)',
    description:
      'Admitted like every channel’s order: validation profile, deduplication by channel, account and external ID. An invalid order is kept as a dead letter. The API key decides the channel (`web`) and the account: `channel` and `accountId` may be left out of the body, and a body naming others is refused.',
    tag: 'Orders',
    audience: 'sales channel',
    access: CHANNEL_KEY,
    body: { schema: orderSubmissionSchema },
    responses: {
      200: { description: 'Already submitted: the same order.', content: 'json' },
      201: { description: 'Accepted; its workflow started. `Location` names the order.', content: 'json' },
      400: { description: 'Not JSON or not a valid order; names every bad field and the dead letter.' },
      403: {
        description:
          'The body names another channel or account than the API key’s (`errors` names the field).',
      },
      415: { description: 'The body is not application/json.' },
      429: { description: 'The web channel is over its rate.' },
    },
    example: {
      body: {
        channel: 'web',
        accountId: 'acme',
        externalId: '1001',
        placedAt: '2026-11-27T10:00:00Z',
        customer: { id: 'c-1', name: 'Ada Lovelace', email: 'ada@example.com', phone: '+14155550123' },
        lines: [{ sku: 'SKU-MUG', quantity: 1, unitPriceMinor: 1250 }],
        currency: 'USD',
        shippingAddress: {
          name: 'Ada Lovelace',
          line1: '1 Analytical Way',
          city: 'New York',
          postalCode: '10001',
          country: 'US',
        },
        promisedDeliveryDate: '2026-12-02',
      },
    },
  },
  {
    method: 'get',
    path: '/orders/:id',
    summary: 'Read an order: status, shipments, timeline',
    tag: 'Orders',
    audience: 'ops',
    access: operator('orders:read'),
    params: orderId,
    responses: {
      200: {
        description: 'The order; `projection: pending` while the read model catches up.',
        content: 'json',
      },
      404: { description: 'No such order.' },
    },
    example: { params: anOrder },
  },
  {
    method: 'post',
    path: '/orders/:id/events',
    summary: 'Report a warehouse event: picked, packed, shipped',
    tag: 'Orders',
    audience: 'warehouse',
    access: operator('orders:write'),
    params: orderId,
    body: { schema: fulfillmentEventSchema },
    responses: orderChange,
    example: {
      params: anOrder,
      body: { eventId: 'ship-1', type: 'shipped', carrier: 'ups', service: 'express' },
    },
  },
  {
    method: 'post',
    path: '/orders/:id/hold',
    summary: 'Put an order on hold',
    description:
      'Takes a `reasonCode` and an optional `note` for ops. A body with only the free-text `reason` (before reason codes) is taken as code `other` with the text as the note.',
    tag: 'Orders',
    audience: 'ops',
    access: auditedOperator('order.hold', 'orders:write'),
    params: orderId,
    body: { schema: holdSchema },
    responses: orderChange,
    example: {
      params: anOrder,
      body: { eventId: 'hold-1', reasonCode: 'address_problem', note: 'street number missing' },
    },
  },
  {
    method: 'post',
    path: '/orders/:id/release',
    summary: 'Release a held order',
    tag: 'Orders',
    audience: 'ops',
    access: auditedOperator('order.release', 'orders:write'),
    params: orderId,
    body: { schema: releaseSchema },
    responses: orderChange,
    example: { params: anOrder, body: { eventId: 'release-1' } },
  },
  {
    method: 'post',
    path: '/orders/:id/cancel',
    summary: 'Cancel an order',
    description:
      'The body is optional: without one the order is cancelled by ops with reason code `other`. Customers are told the reason code in their language; the `note` (and the deprecated free-text `reason`, taken as the note) stays with ops.',
    tag: 'Orders',
    audience: 'ops',
    access: auditedOperator('order.cancel', 'orders:write'),
    params: orderId,
    body: { schema: cancelSchema, required: false },
    responses: orderChange,
    example: {
      params: anOrder,
      body: { reasonCode: 'customer_request', note: 'called support', source: 'customer' },
    },
  },
];

const sku = { sku: pathText };

/** Stock levels per SKU. */
export const INVENTORY_OPERATIONS: ApiOperation[] = [
  {
    method: 'get',
    path: '/inventory/:sku',
    summary: 'Read the stock of a SKU',
    tag: 'Inventory',
    audience: 'warehouse',
    access: operator('orders:read', 'inventory:write'),
    params: sku,
    responses: {
      200: { description: 'On hand, reserved and available units.', content: 'json' },
      404: { description: 'No stock record for the SKU.' },
    },
    example: { params: { sku: 'SKU-MUG' } },
  },
  {
    method: 'put',
    path: '/inventory/:sku',
    summary: 'Set the units on hand (a stock count)',
    tag: 'Inventory',
    audience: 'warehouse',
    access: operator('inventory:write'),
    params: sku,
    body: { schema: stockLevelSchema },
    responses: {
      200: { description: 'The stock after the count.', content: 'json' },
      400: { description: 'The body is not valid.' },
    },
    example: { params: { sku: 'SKU-MUG' }, body: { onHand: 40 } },
  },
  {
    method: 'post',
    path: '/inventory/:sku/restock',
    summary: 'Receive units; orders waiting for the SKU check again',
    tag: 'Inventory',
    audience: 'warehouse',
    access: operator('inventory:write'),
    params: sku,
    body: { schema: restockSchema },
    responses: {
      200: { description: 'A repeat of a received restock (same eventId).', content: 'json' },
      201: { description: 'Received; how many waiting orders were told.', content: 'json' },
      400: { description: 'The body is not valid.' },
    },
    example: { params: { sku: 'SKU-MUG' }, body: { eventId: 'po-1001', quantity: 12 } },
  },
];
