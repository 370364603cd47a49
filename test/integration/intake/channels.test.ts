import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { issueChannelApiKey } from '../../../src/intake/api-keys';
import {
  amazonOrderChangeNotification,
  shopifyOrderWebhook,
  squareOrderWebhook,
  wooOrderWebhook,
} from '../../../src/simulators/channels/webhooks';
import { SECRETS, SELLER_ID, SP_API_TOKEN, SQUARE_TOKEN, startHarness, type Harness } from './harness';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/channels', name), 'utf8')) as Record<
    string,
    unknown
  >;

describe('channel intake over HTTP on PostgreSQL', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  it('starts a signed Shopify orders/create as a normalized canonical order', async () => {
    const delivery = shopifyOrderWebhook(fixture('shopify-orders-create.json'), SECRETS.shopify);
    const response = await h.post('/intake/shopify/northwind-outdoor', delivery.body, delivery.headers);
    assert.equal(response.status, 201, JSON.stringify(response.json));
    assert.deepEqual(response.json, {
      orderId: 'shopify:northwind-outdoor:5829184766234',
      created: true,
      duplicate: false,
    });
    const order = h.starter.started.at(-1);
    assert.ok(order);
    assert.equal(order.customer.phone, '+12125550142');
    assert.equal(order.customer.email, 'jon.snow@example.com');
    assert.equal(order.shippingAddress.country, 'US');
    assert.deepEqual(
      order.lines.map((l) => [l.sku, l.quantity, l.unitPriceMinor]),
      [
        ['TR2-42-SLT', 1, 12900],
        ['MS-M', 2, 3500],
      ],
    );
  });

  it('rejects an unsigned or wrongly signed Shopify delivery as a dead letter and starts nothing', async () => {
    const before = h.starter.calls;
    const delivery = shopifyOrderWebhook(
      { ...fixture('shopify-orders-create.json'), id: 1 },
      'not-the-secret',
    );
    const wrong = await h.post('/intake/shopify/northwind-outdoor', delivery.body, delivery.headers);
    const { 'x-shopify-hmac-sha256': _dropped, ...unsigned } = delivery.headers;
    const missing = await h.post('/intake/shopify/northwind-outdoor', delivery.body, unsigned);
    for (const response of [wrong, missing]) {
      assert.equal(response.status, 401);
      assert.equal(response.json.deadLetterId, undefined, 'a forged delivery is not told its letter');
      assert.equal(response.json.code, 'verification_failed');
      const [first] = response.json.errors as Array<{ field: string; message: string }>;
      assert.equal(first?.field, 'header:x-shopify-hmac-sha256');
      assert.match(first?.message ?? '', /does not match/);
    }
    assert.equal(h.starter.calls, before);
  });

  it('starts one order when the same webhook is delivered five times at once', async () => {
    const order = { ...fixture('shopify-orders-create.json'), id: 5829184766999 };
    const delivery = shopifyOrderWebhook(order, SECRETS.shopify, {
      webhookId: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
    });
    const before = h.starter.calls;
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        h.post('/intake/shopify/northwind-outdoor', delivery.body, delivery.headers),
      ),
    );
    assert.equal(h.starter.calls - before, 1);
    assert.deepEqual(responses.map((r) => r.status).sort(), [201, 202, 202, 202, 202]);
    for (const r of responses.filter((x) => x.status === 202)) assert.equal(r.json.duplicate, true);
  });

  it('recognises a stale Shopify delivery by X-Shopify-Triggered-At', async () => {
    const order = { ...fixture('shopify-orders-create.json'), id: 5829184767000 };
    const newer = shopifyOrderWebhook(order, SECRETS.shopify, { triggeredAt: '2024-06-03T14:20:00Z' });
    const older = shopifyOrderWebhook(order, SECRETS.shopify, { triggeredAt: '2024-06-03T14:10:00Z' });
    assert.equal((await h.post('/intake/shopify/northwind-outdoor', newer.body, newer.headers)).status, 201);
    const stale = await h.post('/intake/shopify/northwind-outdoor', older.body, older.headers);
    assert.equal(stale.status, 202);
    assert.equal(stale.json.stale, true);
  });

  it('starts a signed WooCommerce order.created, answers its ping, rejects a forged one', async () => {
    const delivery = wooOrderWebhook(fixture('woocommerce-order-created.json'), SECRETS.woocommerce);
    const ok = await h.post('/intake/woocommerce/kaffee-haus', delivery.body, delivery.headers);
    assert.equal(ok.status, 201, JSON.stringify(ok.json));
    const order = h.starter.started.at(-1);
    assert.equal(order?.customer.phone, '+4930901820');
    assert.equal(order?.currency, 'EUR');
    assert.equal(order?.shippingAddress.line2, 'Hinterhaus');
    const ping = await h.post('/intake/woocommerce/kaffee-haus', 'webhook_id=14', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    assert.equal(ping.status, 200);
    const forged = await h.post(
      '/intake/woocommerce/kaffee-haus',
      delivery.body.replace('7291', '7292'),
      delivery.headers,
    );
    assert.equal(forged.status, 401);
  });

  it('fetches an Amazon order named by ORDER_CHANGE, dedupes on NotificationId, maps Canceled to a cancellation', async () => {
    const getOrder = fixture('amazon-get-order.json').payload as Record<string, unknown>;
    const items = (fixture('amazon-get-order-items.json').payload as { OrderItems: unknown[] }).OrderItems;
    h.simulator.amazon.addOrder(SP_API_TOKEN, getOrder, items);
    h.simulator.amazon.addOrder(
      SP_API_TOKEN,
      { ...getOrder, AmazonOrderId: '113-0000000-0000001', OrderStatus: 'Canceled' },
      [],
    );
    const notification = amazonOrderChangeNotification(SELLER_ID, '113-4720185-3390661', {
      notificationId: 'a1b2c3d4-0000-4000-8000-000000000001',
      token: SECRETS.amazonToken,
    });
    const before = h.starter.calls;
    const first = await h.post('/intake/amazon/notifications', notification.body, notification.headers);
    assert.equal(first.status, 201, JSON.stringify(first.json));
    const again = await h.post('/intake/amazon/notifications', notification.body, notification.headers);
    assert.equal(again.status, 202);
    assert.equal(h.starter.calls - before, 1);
    assert.equal(h.simulator.calls.get('GET /amazon/orders/v0/orders/:orderId'), 1);
    const order = h.starter.started.at(-1);
    assert.equal(
      order?.customer.email,
      undefined,
      'Amazon hides the buyer email; the order has no email channel',
    );
    assert.equal(order?.customer.phone, '+12062661000');
    const cancel = amazonOrderChangeNotification(SELLER_ID, '113-0000000-0000001', {
      token: SECRETS.amazonToken,
    });
    const cancelled = await h.post('/intake/amazon/notifications', cancel.body, cancel.headers);
    assert.equal(cancelled.status, 202);
    assert.equal(cancelled.json.cancelled, true);
    assert.equal(h.starter.calls - before, 1);
    const unauthenticated = amazonOrderChangeNotification(SELLER_ID, '113-4720185-3390661');
    assert.equal(
      (await h.post('/intake/amazon/notifications', unauthenticated.body, unauthenticated.headers)).status,
      401,
    );
  });

  it('fetches the full Square order for a signed order.created event', async () => {
    h.simulator.square.addOrder(
      SQUARE_TOKEN,
      fixture('square-retrieve-order.json').order as Record<string, unknown>,
    );
    const event = squareOrderWebhook(
      { merchantId: 'MLEFBHHSJGVHD', orderId: 'eA3vssLHKJrv9H0IdJCM3gNqfdcZY' },
      SECRETS.squareKey,
      h.squareNotificationUrl,
    );
    const response = await h.post('/intake/square/sq-main', event.body, event.headers);
    assert.equal(response.status, 201, JSON.stringify(response.json));
    assert.equal(h.starter.started.at(-1)?.serviceLevel, 'express');
    const otherUrl = squareOrderWebhook(
      { merchantId: 'MLEFBHHSJGVHD', orderId: 'eA3vssLHKJrv9H0IdJCM3gNqfdcZY' },
      SECRETS.squareKey,
      'https://elsewhere.example/hook',
    );
    assert.equal((await h.post('/intake/square/sq-main', otherUrl.body, otherUrl.headers)).status, 401);
    const missing = squareOrderWebhook(
      { merchantId: 'MLEFBHHSJGVHD', orderId: 'NOSUCHORDER' },
      SECRETS.squareKey,
      h.squareNotificationUrl,
    );
    const notFound = await h.post('/intake/square/sq-main', missing.body, missing.headers);
    assert.equal(notFound.status, 422);
    assert.equal(typeof notFound.json.deadLetterId, 'number');
  });

  it('accepts a REST order only with a live API key of that account', async () => {
    const { apiKey } = await issueChannelApiKey(h.database.db, 'b2b-portal');
    const { apiKey: otherKey } = await issueChannelApiKey(h.database.db, 'other-portal');
    const body = JSON.stringify(fixture('rest-order.json'));
    const headers = { 'content-type': 'application/json' };
    const ok = await h.post('/intake/rest/b2b-portal', body, {
      ...headers,
      authorization: `Bearer ${apiKey}`,
    });
    assert.equal(ok.status, 201, JSON.stringify(ok.json));
    assert.equal(h.starter.started.at(-1)?.shippingAddress.country, 'IT');
    const keys = await h.database.db.query<{ key_hash: Buffer }>('SELECT key_hash FROM intake_api_keys');
    assert.ok(keys.rows.every((row) => !Buffer.from(row.key_hash).toString('utf8').includes(apiKey)));
    for (const authorization of [`Bearer ${otherKey}`, 'Bearer nope', '']) {
      const denied = await h.post('/intake/rest/b2b-portal', body, { ...headers, authorization });
      assert.equal(denied.status, 401);
    }
    const broken = await h.post(
      '/intake/rest/b2b-portal',
      JSON.stringify({ ...fixture('rest-order.json'), lines: [] }),
      {
        ...headers,
        authorization: `Bearer ${apiKey}`,
      },
    );
    assert.equal(broken.status, 422);
    assert.ok(
      (broken.json.errors as Array<{ field: string; message: string }>).some(
        (p) => p.field === 'lines' && p.message === 'must have at least one line',
      ),
    );
  });

  it('keeps a health record per channel account', async () => {
    const health = await h.ops('GET', '/source-health');
    const sources = health.json.sources as Array<{
      channel: string;
      accountId: string;
      successes: number;
      failureStreak: number;
    }>;
    const shopify = sources.find((s) => s.channel === 'shopify' && s.accountId === 'northwind-outdoor');
    assert.ok(shopify && shopify.successes >= 3);
    assert.equal(shopify.failureStreak, 0);
    const square = sources.find((s) => s.channel === 'square');
    assert.ok(square && square.failureStreak >= 1, 'the not-found Square order counts as a failure');
  });
});
