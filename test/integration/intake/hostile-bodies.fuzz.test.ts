import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { issueChannelApiKey } from '../../../src/intake/api-keys';
import { hmacSha256Base64 } from '../../../src/intake/channels/signature';
import { SECRETS, SELLER_ID, startHarness, type Harness } from './harness';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/channels', name), 'utf8')) as Record<
    string,
    unknown
  >;

type Channel = 'shopify' | 'woocommerce' | 'amazon' | 'square' | 'rest';

/** Values that no channel field of the mutated kind accepts, hostile ones included. */
const brokenText = fc.constantFrom<unknown>(
  null,
  42,
  {},
  [],
  '',
  '<script>alert(1)</script>',
  "'; DROP TABLE orders;--",
  '\u0000',
);
/**
 * SKUs no channel accepts. An empty or missing SKU is not among them: Shopify and WooCommerce lines
 * without one are identified by their product and variant IDs.
 */
const brokenSku = fc.constantFrom<unknown>(
  42,
  {},
  [],
  '<script>alert(1)</script>',
  "'; DROP TABLE orders;--",
  '\u0000',
);
const brokenNumber = fc.constantFrom<unknown>(null, 'two', -1, 0, 1.5, {}, '1e999', Number.MAX_SAFE_INTEGER);

/** Field mutations that must make an otherwise real order unacceptable. */
const MUTATIONS: Record<'shopify' | 'woocommerce' | 'rest', Array<[string, fc.Arbitrary<unknown>]>> = {
  shopify: [
    ['line_items', fc.constantFrom<unknown>([], null, 'x', {})],
    ['line_items.0.quantity', brokenNumber],
    ['line_items.0.sku', brokenSku],
    ['line_items.0.price', fc.constantFrom<unknown>(null, 'free', {}, '-')],
    ['currency', fc.constantFrom<unknown>(null, 12, 'DOLLARS', '', 'US')],
    ['shipping_address', fc.constantFrom<unknown>(null, 'here', [])],
    ['shipping_address.address1', fc.constantFrom<unknown>(null, '', 42)],
    ['shipping_address.country_code', fc.constantFrom<unknown>('Atlantis', 'ZZ', '???')],
    ['created_at', fc.constantFrom<unknown>('yesterday', 7, null)],
    ['total_price', fc.constantFrom<unknown>('9999.99', 'abc', null)],
    ['id', fc.constantFrom<unknown>(-5, 'abc', null, 0)],
  ],
  woocommerce: [
    ['line_items', fc.constantFrom<unknown>([], null)],
    ['line_items.0.quantity', brokenNumber],
    ['line_items.0.sku', brokenSku],
    ['total', fc.constantFrom<unknown>('lots', {}, '1.00')],
    ['billing.email', fc.constantFrom<unknown>('', 'not-an-email', null)],
    ['shipping.postcode', fc.constantFrom<unknown>('', null, 5)],
    ['currency', fc.constantFrom<unknown>('EURO', null, 'E')],
    ['date_created_gmt', fc.constantFrom<unknown>('soon', 5)],
  ],
  rest: [
    ['lines', fc.constantFrom<unknown>([], null, 'x')],
    ['lines.0.unitPriceMinor', fc.constantFrom<unknown>(-1, 1.5, 'ten', null)],
    ['lines.0.quantity', brokenNumber],
    ['lines.0.sku', brokenText],
    ['currency', fc.constantFrom<unknown>('E', 'EURO', null)],
    ['shippingAddress.country', fc.constantFrom<unknown>('Narnia', '', null)],
    ['customer.name', fc.constantFrom<unknown>('', null, 5)],
    ['placedAt', fc.constantFrom<unknown>('now', null)],
    ['externalId', fc.constantFrom<unknown>('a b', '', null, '../../etc/passwd')],
  ],
};

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(target);
  const keys = dotted.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1) ?? ''] = value;
  return copy;
}

const hostileText = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'null'),
  fc.constantFrom(
    '',
    'null',
    '[]',
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '['.repeat(3000),
    '{"id":1e999}',
    '\ufeff{"id":1}',
    '{"id": 5829184766234, "line_items": "\\ud800"}',
    'webhook_id=abc',
  ),
);

describe('hostile and malformed bodies (fast-check, 10 000 cases, over HTTP, on PostgreSQL)', () => {
  let h: Harness;
  let apiKey = '';
  before(async () => {
    // Thousands of cases to a handful of accounts: the dead-letter quotas are lifted so every case is kept.
    h = await startHarness({
      deadLetters: {
        maxOpenPerAccount: 1_000_000,
        maxUnverifiedPerAccount: 1_000_000,
        maxOpenTotal: 10_000_000,
      },
    });
    apiKey = (await issueChannelApiKey(h.database.db, 'fuzz-portal')).apiKey;
  });
  after(async () => {
    await h.close();
  });

  const base = {
    shopify: fixture('shopify-orders-create.json'),
    woocommerce: fixture('woocommerce-order-created.json'),
    rest: fixture('rest-order.json'),
  };

  const mutatedOrder = fc
    .constantFrom<'shopify' | 'woocommerce' | 'rest'>('shopify', 'woocommerce', 'rest')
    .chain((channel) =>
      fc.constantFrom(...MUTATIONS[channel]).chain(([field, values]) =>
        values.map((value) => ({
          channel: channel as Channel,
          body: JSON.stringify(setPath(base[channel], field, value)),
        })),
      ),
    );
  const anyBody = fc.record({
    channel: fc.constantFrom<Channel>('shopify', 'woocommerce', 'amazon', 'square', 'rest'),
    body: hostileText,
  });
  const envelopeForUnknownOrder = fc.record({
    channel: fc.constantFrom<Channel>('amazon', 'square'),
    body: fc.stringMatching(/^[A-Za-z0-9]{4,20}$/).map((id) => `ref:${id}`),
  });
  const caseArb = fc.record({
    delivery: fc.oneof(anyBody, mutatedOrder, envelopeForUnknownOrder),
    signed: fc.boolean(),
    contentType: fc.constantFrom(
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/octet-stream',
    ),
    deliveryId: fc.oneof(
      fc.uuid(),
      fc.constant('fixed-id-1'),
      fc.string({ minLength: 1, maxLength: 60 }).map(encodeURIComponent),
    ),
  });

  type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

  function request(c: Case): {
    path: string;
    body: string;
    headers: Record<string, string>;
  } {
    let body = c.delivery.body;
    const headers: Record<string, string> = { 'content-type': c.contentType };
    switch (c.delivery.channel) {
      case 'shopify':
        headers['x-shopify-webhook-id'] = c.deliveryId;
        headers['x-shopify-topic'] = 'orders/create';
        if (c.signed) headers['x-shopify-hmac-sha256'] = hmacSha256Base64(SECRETS.shopify, body);
        return { path: '/intake/shopify/northwind-outdoor', body, headers };
      case 'woocommerce':
        headers['x-wc-webhook-delivery-id'] = c.deliveryId;
        headers['x-wc-webhook-topic'] = 'order.created';
        if (c.signed) headers['x-wc-webhook-signature'] = hmacSha256Base64(SECRETS.woocommerce, body);
        return { path: '/intake/woocommerce/kaffee-haus', body, headers };
      case 'amazon':
        if (body.startsWith('ref:')) {
          body = JSON.stringify({
            NotificationType: 'ORDER_CHANGE',
            Payload: {
              OrderChangeNotification: { SellerId: SELLER_ID, AmazonOrderId: '999-0000000-0000000' },
            },
            NotificationMetadata: { NotificationId: c.deliveryId.replace(/[^\x21-\x7e]/g, 'x') || 'n' },
          });
        }
        if (c.signed) headers.authorization = `Bearer ${SECRETS.amazonToken}`;
        return { path: '/intake/amazon/notifications', body, headers };
      case 'square':
        if (body.startsWith('ref:')) {
          body = JSON.stringify({
            merchant_id: 'MLEFBHHSJGVHD',
            type: 'order.created',
            event_id: c.deliveryId.replace(/[^\x21-\x7e]/g, 'x') || 'e',
            data: { type: 'order_created', id: body.slice(4) },
          });
        }
        if (c.signed) {
          headers['x-square-hmacsha256-signature'] = hmacSha256Base64(
            SECRETS.squareKey,
            h.squareNotificationUrl,
            body,
          );
        }
        return { path: '/intake/square/sq-main', body, headers };
      case 'rest':
        if (c.signed) headers.authorization = `Bearer ${apiKey}`;
        headers['idempotency-key'] = c.deliveryId;
        return { path: '/intake/rest/fuzz-portal', body, headers };
      default:
        throw new Error('unknown channel');
    }
  }

  it(
    'never answers 5xx, never starts an order, and dead-letters or 4xx-answers every case',
    { timeout: 900_000 },
    async () => {
      const deadLetterIds = new Set<number>();
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(caseArb, async (c) => {
          const { path: route, body, headers } = request(c);
          const response = await h.post(route, body, headers);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status < 400 || response.status >= 500 || h.starter.calls > 0) {
            console.error(
              'unexpected answer',
              response.status,
              JSON.stringify(response.json),
              route,
              JSON.stringify(headers),
              body,
            );
          }
          assert.ok(
            response.status >= 400 && response.status < 500,
            `status ${response.status}: ${JSON.stringify(response.json)}`,
          );
          // A delivery that fails verification is kept too, but not told its letter's ID.
          if ([400, 422].includes(response.status)) {
            assert.equal(typeof response.json.deadLetterId, 'number', JSON.stringify(response.json));
          }
          if (typeof response.json.deadLetterId === 'number') deadLetterIds.add(response.json.deadLetterId);
          assert.equal(h.starter.calls, 0);
        }),
        { numRuns: Number(process.env.INTAKE_FUZZ_RUNS ?? 10_000) },
      );
      const stored = await h.database.db.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM intake_dead_letters WHERE id = ANY($1::bigint[])',
        [[...deadLetterIds]],
      );
      assert.equal(stored.rows[0]?.count, deadLetterIds.size, 'every dead letter the API named is stored');
      assert.equal(h.starter.calls, 0);
      console.log('status counts', Object.fromEntries(statuses), 'dead letters', deadLetterIds.size);
    },
  );
});
