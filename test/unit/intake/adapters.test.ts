import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { amazonToIntent, parseAmazonNotification } from '../../../src/intake/channels/amazon';
import { shopifyToIntent, verifyShopify } from '../../../src/intake/channels/shopify';
import { parseSquareEvent, squareToIntent, verifySquare } from '../../../src/intake/channels/square';
import { verifyWooCommerce, wooToIntent } from '../../../src/intake/channels/woocommerce';
import { toMinorUnits } from '../../../src/intake/money';
import {
  shopifyOrderWebhook,
  squareOrderWebhook,
  wooOrderWebhook,
} from '../../../src/simulators/channels/webhooks';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/channels', name), 'utf8')) as Record<
    string,
    unknown
  >;

describe('channel adapters', () => {
  it('verifies HMAC signatures over the exact raw body', () => {
    const shopify = shopifyOrderWebhook(fixture('shopify-orders-create.json'), 'secret-1');
    assert.equal(verifyShopify(Buffer.from(shopify.body), shopify.headers, 'secret-1'), true);
    assert.equal(verifyShopify(Buffer.from(`${shopify.body} `), shopify.headers, 'secret-1'), false);
    assert.equal(verifyShopify(Buffer.from(shopify.body), shopify.headers, 'secret-2'), false);
    assert.equal(verifyShopify(Buffer.from(shopify.body), {}, 'secret-1'), false);
    const woo = wooOrderWebhook(fixture('woocommerce-order-created.json'), 'wc');
    assert.equal(verifyWooCommerce(Buffer.from(woo.body), woo.headers, 'wc'), true);
    const square = squareOrderWebhook(
      { merchantId: 'M1', orderId: 'O1' },
      'key',
      'https://api.example.com/hook',
    );
    assert.equal(
      verifySquare(Buffer.from(square.body), square.headers, 'key', 'https://api.example.com/hook'),
      true,
    );
    assert.equal(
      verifySquare(Buffer.from(square.body), square.headers, 'key', 'https://api.example.com/other'),
      false,
    );
  });

  it('maps a Shopify order with totals in minor units and a cancelled one to a cancellation', () => {
    const result = shopifyToIntent(fixture('shopify-orders-create.json'), 'shop-1', {
      'x-shopify-triggered-at': '2024-06-03T14:12:45Z',
    });
    assert.ok(result.ok && result.value.kind === 'order');
    assert.deepEqual(result.value.draft.reported, {
      subtotalMinor: 19900,
      totalMinor: 21122,
      shippingMinor: 995,
      taxMinor: 1227,
      discountMinor: 1000,
    });
    assert.equal(result.value.draft.customer.tier, 'vip');
    assert.equal(result.value.sourceVersion, '2024-06-03T14:12:45Z');
    const cancelled = shopifyToIntent(
      { ...fixture('shopify-orders-create.json'), cancelled_at: '2024-06-04T00:00:00Z' },
      'shop-1',
      {},
    );
    assert.ok(cancelled.ok && cancelled.value.kind === 'cancellation');
  });

  it('names the channel field that is wrong', () => {
    const result = wooToIntent({ ...fixture('woocommerce-order-created.json'), line_items: 'none' }, 'store');
    assert.ok(!result.ok);
    assert.equal(result.problems[0]?.field, 'body.line_items');
  });

  it('maps Amazon OrderStatus values: Unshipped starts, Pending waits, Canceled cancels', () => {
    const order = fixture('amazon-get-order.json').payload as Record<string, unknown>;
    const items = (fixture('amazon-get-order-items.json').payload as { OrderItems: unknown[] }).OrderItems;
    const unshipped = amazonToIntent('SELLER1', order, items);
    assert.ok(unshipped.ok && unshipped.value.kind === 'order');
    assert.deepEqual(
      unshipped.value.draft.lines.map((l) => [l.sku, l.quantity, l.unitPriceMinor]),
      [
        ['USB-C-CABLE-2M', 2, 1299],
        ['WALL-CHARGER-65W', 1, 2799],
      ],
    );
    assert.equal(unshipped.value.draft.promisedDeliveryDate, '2024-06-11');
    for (const [status, kind] of [
      ['Pending', 'deferred'],
      ['PendingAvailability', 'deferred'],
      ['Canceled', 'cancellation'],
      ['Unfulfillable', 'ignored'],
      ['Shipped', 'order'],
      ['InvoiceUnconfirmed', 'order'],
    ] as const) {
      const mapped = amazonToIntent('SELLER1', { ...order, OrderStatus: status }, items);
      assert.ok(mapped.ok);
      assert.equal(mapped.value.kind, kind, status);
    }
    const notification = parseAmazonNotification(fixture('amazon-order-change-notification.json'));
    assert.ok(notification.ok);
    assert.equal(notification.value.notificationId, '3d7b5a4a-b1b6-4dc0-8d72-bbd8bcfd9d1b');
  });

  it('reads the order ID from a Square event and the order from the Orders API', () => {
    const event = parseSquareEvent(fixture('square-order-created-event.json'));
    assert.ok(event.ok);
    assert.equal(event.value.orderId, 'eA3vssLHKJrv9H0IdJCM3gNqfdcZY');
    const order = squareToIntent('sq', fixture('square-retrieve-order.json').order);
    assert.ok(order.ok && order.value.kind === 'order');
    assert.equal(order.value.draft.lines[0]?.sku, 'W62UWFY35CWMYGVWK6TWJDNI');
  });

  it('converts decimal amounts to minor units by currency without floating point', () => {
    assert.equal(toMinorUnits('19.99', 'USD'), 1999);
    assert.equal(toMinorUnits('0.10', 'USD'), 10);
    assert.equal(toMinorUnits('1500', 'JPY'), 1500);
    assert.equal(toMinorUnits('1.234', 'KWD'), 1234);
    assert.equal(toMinorUnits(24.9, 'EUR'), 2490);
    assert.equal(toMinorUnits('12,50', 'EUR'), undefined);
  });
});
