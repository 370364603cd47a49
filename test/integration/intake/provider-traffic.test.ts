import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { issueChannelApiKey } from '../../../src/intake/api-keys';
import {
  amazonOrderChangeNotification,
  shopifyOrderWebhook,
  squareOrderWebhook,
  squareSignedEvent,
  wooOrderWebhook,
} from '../../../src/simulators/channels/webhooks';
import { SECRETS, SELLER_ID, SP_API_TOKEN, SQUARE_TOKEN, startHarness, type Harness } from './harness';

type Json = Record<string, unknown>;
const fixture = (name: string): Json =>
  JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/channels', name), 'utf8')) as Json;
const clone = <T>(value: T): T => structuredClone(value);

describe('what real providers send reaches the right outcome', () => {
  let h: Harness;
  const deadLetters = async (): Promise<number> =>
    Number(
      (await h.database.db.query<{ n: string }>('SELECT count(*) AS n FROM intake_dead_letters')).rows[0]?.n,
    );
  const notForFulfillment = async (): Promise<Json[]> =>
    (await h.ops('GET', '/not-for-fulfillment')).json.orders as Json[];

  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  it('WooCommerce: a line without a SKU is identified by its product and variation IDs', async () => {
    const order = fixture('woocommerce-order-created.json');
    order.id = 7301;
    const lines = order.line_items as Json[];
    lines[0]!.sku = '';
    Object.assign(lines[1]!, { sku: '', product_id: 518, variation_id: 533 });
    const delivery = wooOrderWebhook(order, SECRETS.woocommerce, { deliveryId: '88001' });
    const before = await deadLetters();
    const first = await h.post('/intake/woocommerce/kaffee-haus', delivery.body, delivery.headers);
    assert.equal(first.status, 201, JSON.stringify(first.json));
    assert.deepEqual(
      h.starter.started.at(-1)?.lines.map((line) => line.sku),
      ['woo-412', 'woo-518-533'],
    );
    const again = wooOrderWebhook(order, SECRETS.woocommerce, { deliveryId: '88002' });
    const redelivered = await h.post('/intake/woocommerce/kaffee-haus', again.body, again.headers);
    assert.equal(redelivered.status, 202);
    assert.equal(await deadLetters(), before);
  });

  it('WooCommerce: the creation ping and non-order topics are acknowledged without a dead letter', async () => {
    const before = await deadLetters();
    const ping = await h.post('/intake/woocommerce/kaffee-haus', 'webhook_id=31', {
      'content-type': 'application/x-www-form-urlencoded',
      'x-wc-webhook-source': 'https://shop.example.de/',
    });
    assert.equal(ping.status, 200);
    const product = { id: 412, name: 'Espresso 1 kg', sku: '', type: 'simple', status: 'publish' };
    const updated = wooOrderWebhook(product, SECRETS.woocommerce, { topic: 'product.updated' });
    const answer = await h.post('/intake/woocommerce/kaffee-haus', updated.body, updated.headers);
    assert.equal(answer.status, 202, JSON.stringify(answer.json));
    assert.equal(answer.json.ignored, true);
    assert.equal(await deadLetters(), before);
  });

  it('Square: the dashboard test event is acknowledged, not dead-lettered', async () => {
    const before = await deadLetters();
    const event = {
      merchant_id: '6SSW7HV8K2ST5',
      type: 'webhooks.test_notification',
      event_id: randomUUID(),
      created_at: new Date().toISOString(),
      data: { type: 'webhooks', id: randomUUID() },
    };
    for (let send = 0; send < 2; send += 1) {
      const signed = squareSignedEvent(
        { ...event, event_id: randomUUID() },
        SECRETS.squareKey,
        h.squareNotificationUrl,
      );
      const answer = await h.post('/intake/square/sq-main', signed.body, signed.headers);
      assert.equal(answer.status, 202, JSON.stringify(answer.json));
    }
    assert.equal(await deadLetters(), before);
  });

  it('Square: an in-store order without a SHIPMENT is acknowledged and recorded as not for fulfillment', async () => {
    const order = clone(fixture('square-retrieve-order.json').order as Json);
    order.id = 'inStoreSale7QmJv2xK9';
    delete order.fulfillments;
    h.simulator.square.addOrder(SQUARE_TOKEN, order);
    const pickup = { ...clone(order), id: 'pickupOrder3Hh8sPq1', fulfillments: [{ type: 'PICKUP' }] };
    h.simulator.square.addOrder(SQUARE_TOKEN, pickup);
    const before = await deadLetters();
    for (const orderId of [order.id, pickup.id] as string[]) {
      const event = squareOrderWebhook(
        { merchantId: 'MLEFBHHSJGVHD', orderId },
        SECRETS.squareKey,
        h.squareNotificationUrl,
      );
      const answer = await h.post('/intake/square/sq-main', event.body, event.headers);
      assert.equal(answer.status, 202, JSON.stringify(answer.json));
      assert.equal(answer.json.notForFulfillment, true);
    }
    assert.equal(await deadLetters(), before);
    const listed = await notForFulfillment();
    const inStore = listed.find((row) => row.externalId === order.id);
    assert.equal(inStore?.fulfilledBy, 'in_store');
    assert.equal(inStore?.totalMinor, (order.total_money as { amount: number }).amount);
    assert.ok(listed.some((row) => row.externalId === pickup.id));
  });

  it('Amazon: getOrder is called with a Restricted Data Token, so the buyer address arrives', async () => {
    const order = clone(fixture('amazon-get-order.json').payload as Json);
    order.AmazonOrderId = '114-3941689-8772232';
    const items = (fixture('amazon-get-order-items.json').payload as { OrderItems: unknown[] }).OrderItems;
    h.simulator.amazon.addOrder(SP_API_TOKEN, order, items);
    const notification = amazonOrderChangeNotification(SELLER_ID, '114-3941689-8772232', {
      token: SECRETS.amazonToken,
    });
    const tokensBefore = h.simulator.calls.get('POST /amazon/tokens/2021-03-01/restrictedDataToken') ?? 0;
    const answer = await h.post('/intake/amazon/notifications', notification.body, notification.headers);
    assert.equal(answer.status, 201, JSON.stringify(answer.json));
    const started = h.starter.started.at(-1);
    const address = order.ShippingAddress as Json;
    assert.equal(started?.shippingAddress.line1, address.AddressLine1);
    assert.equal(started?.customer.name, (order.BuyerInfo as Json | undefined)?.BuyerName ?? address.Name);
    assert.equal(
      h.simulator.calls.get('POST /amazon/tokens/2021-03-01/restrictedDataToken'),
      tokensBefore + 1,
    );
  });

  it('Amazon: an order Amazon fulfils (AFN) is recorded as fulfilled by the marketplace', async () => {
    const order = clone(fixture('amazon-get-order.json').payload as Json);
    Object.assign(order, {
      AmazonOrderId: '114-5550001-0000042',
      FulfillmentChannel: 'AFN',
      OrderStatus: 'Shipped',
    });
    h.simulator.amazon.addOrder(SP_API_TOKEN, order, []);
    const before = await deadLetters();
    const notification = amazonOrderChangeNotification(SELLER_ID, '114-5550001-0000042', {
      token: SECRETS.amazonToken,
      orderStatus: 'Shipped',
    });
    const answer = await h.post('/intake/amazon/notifications', notification.body, notification.headers);
    assert.equal(answer.status, 202, JSON.stringify(answer.json));
    assert.equal(answer.json.fulfilledBy, 'marketplace');
    assert.equal(await deadLetters(), before);
    const row = (await notForFulfillment()).find((r) => r.externalId === '114-5550001-0000042');
    assert.equal(row?.fulfilledBy, 'marketplace');
  });

  it('Amazon: notification types other than ORDER_CHANGE are acknowledged', async () => {
    const before = await deadLetters();
    const body = JSON.stringify({
      NotificationVersion: '2020-09-04',
      NotificationType: 'FEED_PROCESSING_FINISHED',
      PayloadVersion: '2020-09-04',
      EventTime: new Date().toISOString(),
      Payload: {
        feedProcessingFinishedNotification: {
          sellerId: SELLER_ID,
          feedId: '23492394',
          feedType: 'POST_PRODUCT_DATA',
          processingStatus: 'DONE',
          resultFeedDocumentId: 'amzn1.tortuga.3.edbcd0d8-3434-8222-1234-52ad8ade1a1a',
        },
      },
      NotificationMetadata: {
        ApplicationId: 'amzn1.sellerapps.app.f1234566-aaec-55a6-b123-bcb752069ec5',
        SubscriptionId: '93b098e1-c42-2f45-93a1-78910a6a8369',
        PublishTime: new Date().toISOString(),
        NotificationId: randomUUID(),
      },
    });
    const answer = await h.post('/intake/amazon/notifications', body, {
      'content-type': 'application/json',
      authorization: `Bearer ${SECRETS.amazonToken}`,
    });
    assert.equal(answer.status, 202, JSON.stringify(answer.json));
    assert.equal(answer.json.ignored, true);
    assert.equal(await deadLetters(), before);
  });

  it('Shopify: routes by X-Shopify-Topic; other topics are acknowledged, orders/cancelled cancels', async () => {
    const before = await deadLetters();
    const starts = h.starter.calls;
    const product = {
      id: 8391048273946,
      title: 'Trail Runner 2',
      variants: [{ id: 45328190291994, sku: '' }],
    };
    const shop = { id: 690933842, name: 'Northwind Outdoor', domain: 'northwind-outdoor.myshopify.com' };
    for (const [topic, body] of [
      ['products/update', product],
      ['app/uninstalled', shop],
    ] as const) {
      const delivery = shopifyOrderWebhook(body, SECRETS.shopify, { topic });
      const answer = await h.post('/intake/shopify/northwind-outdoor', delivery.body, delivery.headers);
      assert.equal(answer.status, 202, `${topic}: ${JSON.stringify(answer.json)}`);
      assert.equal(answer.json.ignored, true);
    }
    const cancelled = { ...fixture('shopify-orders-create.json'), cancelled_at: '2024-06-04T09:00:00Z' };
    const cancel = shopifyOrderWebhook(cancelled, SECRETS.shopify, { topic: 'orders/cancelled' });
    const answer = await h.post('/intake/shopify/northwind-outdoor', cancel.body, cancel.headers);
    assert.equal(answer.status, 202, JSON.stringify(answer.json));
    assert.equal(answer.json.cancelled, true);
    assert.equal(h.starter.calls, starts);
    assert.equal(await deadLetters(), before);
  });

  it('Money: the order carries the channel subtotal, tax, shipping, discounts and total', async () => {
    const order = { ...fixture('shopify-orders-create.json'), id: 5829184769001 };
    const delivery = shopifyOrderWebhook(order, SECRETS.shopify);
    const answer = await h.post('/intake/shopify/northwind-outdoor', delivery.body, delivery.headers);
    assert.equal(answer.status, 201, JSON.stringify(answer.json));
    assert.deepEqual(h.starter.started.at(-1)?.totals, {
      subtotalMinor: 19900,
      taxMinor: 1227,
      shippingMinor: 995,
      discountMinor: 1000,
      totalMinor: 21122,
    });
    const wrong = shopifyOrderWebhook(
      { ...order, id: 5829184769002, total_price: '231.22' },
      SECRETS.shopify,
    );
    const refused = await h.post('/intake/shopify/northwind-outdoor', wrong.body, wrong.headers);
    assert.equal(refused.status, 422);
    const problems = (refused.json.problems ?? refused.json.errors) as Array<{
      field: string;
      message: string;
    }>;
    const totalProblem = problems.find((p) => p.field === 'totals.totalMinor');
    assert.match(totalProblem?.message ?? '', /total 23122 .*= 21122/);
  });

  it('Money: a REST order without totals gets them from its lines', async () => {
    const { apiKey } = await issueChannelApiKey(h.database.db, 'b2b-money');
    const body = fixture('rest-order.json');
    delete body.totals;
    const answer = await h.post('/intake/rest/b2b-money', JSON.stringify(body), {
      'content-type': 'application/json',
      authorization: `Bearer ${apiKey}`,
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.json));
    const lines = body.lines as Array<{ quantity: number; unitPriceMinor: number }>;
    const subtotal = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceMinor, 0);
    assert.deepEqual(h.starter.started.at(-1)?.totals, {
      subtotalMinor: subtotal,
      taxMinor: 0,
      shippingMinor: 0,
      discountMinor: 0,
      totalMinor: subtotal,
    });
  });
});
