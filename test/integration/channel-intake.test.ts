import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { shopifyOrderWebhook, wooOrderWebhook } from '../../src/simulators/channels/webhooks';
import { orderWorkflowId } from '../../src/workflows/order/contract';
import { startOrderStack, type OrderStack } from '../support/order-stack';
import { eventually, orderPath, request } from '../support/http';

const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'channels', name), 'utf8')) as Record<
    string,
    unknown
  >;
const SHOPIFY_SECRET = 'shopify-intake-secret';
const WOO_SECRET = 'woo-intake-secret';

describe('channel webhooks start real order workflows through the governed intake', () => {
  let stack: OrderStack;
  before(async () => {
    stack = await startOrderStack({
      intake: {
        shopify: { 'northwind-outdoor': { webhookSecret: SHOPIFY_SECRET } },
        woocommerce: { 'corner-store': { webhookSecret: WOO_SECRET } },
      },
    });
  });
  after(async () => {
    await stack?.stop();
  });

  test('a signed Shopify order becomes one order workflow, however often it is delivered', async () => {
    const delivery = shopifyOrderWebhook(fixture('shopify-orders-create.json'), SHOPIFY_SECRET, {
      webhookId: 'wh-1',
    });
    const responses = [];
    for (let i = 0; i < 5; i++) {
      responses.push(
        await request(
          stack.baseUrl,
          'POST',
          '/intake/shopify/northwind-outdoor',
          delivery.body,
          delivery.headers,
        ),
      );
    }
    assert.equal(responses[0]!.status, 201, JSON.stringify(responses[0]!.body));
    assert.ok(
      responses.slice(1).every((response) => response.status === 202 && response.body.duplicate === true),
    );
    const orderId = responses[0]!.body.orderId as string;

    const order = await eventually(async () => {
      const body = (await request(stack.baseUrl, 'GET', orderPath(orderId))).body;
      const settled = ['reserved', 'backordered'].includes(body.status as string) && !body.projection;
      return settled ? body : undefined;
    });
    assert.equal(order.channel, 'shopify');
    // What the customer paid (lines − discount + shipping + tax), not the lines alone.
    const stated = fixture('shopify-orders-create.json');
    const paid = Math.round(Number(stated.total_price) * 100);
    assert.notEqual(paid, Math.round(Number(stated.total_line_items_price) * 100));
    const row = await stack.database.db.query<{ total: string }>(
      'SELECT total_minor AS total FROM orders WHERE order_id = $1',
      [orderId],
    );
    assert.equal(Number(row.rows[0]?.total), paid);
    const runs = [];
    for await (const run of stack.env.client.workflow.list({
      query: `WorkflowId = '${orderWorkflowId(orderId)}'`,
    })) {
      runs.push(run);
    }
    assert.equal(runs.length, 1);
  });

  test('a forged signature is a 401 kept as a dead letter, and no order starts', async () => {
    const delivery = wooOrderWebhook(fixture('woocommerce-order-created.json'), 'not-the-secret');
    const response = await request(
      stack.baseUrl,
      'POST',
      '/intake/woocommerce/corner-store',
      delivery.body,
      delivery.headers,
    );
    assert.equal(response.status, 401);
    assert.equal(response.body.deadLetterId, undefined, JSON.stringify(response.body));
    const letters = await request<{ items?: unknown[] } | unknown[]>(
      stack.baseUrl,
      'GET',
      '/ops/intake/dead-letters',
      undefined,
      {
        'x-ops-actor': 'ops@example.com',
      },
    );
    assert.equal(letters.status, 200);
    assert.match(JSON.stringify(letters.body), /woocommerce/);
    const orders = await stack.database.db.query(`SELECT 1 FROM orders WHERE channel = 'woocommerce'`);
    assert.equal(orders.rows.length, 0);
  });
});
