import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startOrderStack, type OrderStack } from '../support/order-stack';
import { eventually, orderPath, request } from '../support/http';
import { sampleOrder } from '../support/orders';

type OrderBody = { status: string; version: number; timeline: unknown[] };

describe('order rules: idempotency, invalid transitions, inventory', () => {
  let stack: OrderStack;
  before(async () => {
    stack = await startOrderStack();
  });
  after(async () => {
    await stack?.stop();
  });

  const api = (method: string, path: string, body?: unknown) => request(stack.baseUrl, method, path, body);
  const readOrder = async (orderId: string) => (await api('GET', orderPath(orderId))).body as OrderBody;
  const reachStatus = (orderId: string, status: string) =>
    eventually(async () => {
      const order = await readOrder(orderId);
      return order.status === status ? order : undefined;
    });
  const place = async (externalId: string, sku: string, quantity = 1) => {
    const response = await api(
      'POST',
      '/orders',
      sampleOrder({ externalId, lines: [{ sku, quantity, unitPriceMinor: 500 }] }),
    );
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body.orderId as string;
  };

  test('a repeated event ID changes nothing', async () => {
    await api('PUT', '/inventory/SKU-REPEAT', { onHand: 5 });
    const orderId = await place('REPEAT-1', 'SKU-REPEAT');
    await reachStatus(orderId, 'reserved');
    const first = await api('POST', `${orderPath(orderId)}/events`, { eventId: 'pick-1', type: 'picked' });
    assert.equal(first.body.outcome, 'applied');
    const before = await reachStatus(orderId, 'processing');
    for (let i = 0; i < 5; i++) {
      const again = await api('POST', `${orderPath(orderId)}/events`, { eventId: 'pick-1', type: 'picked' });
      assert.equal(again.status, 200);
      assert.equal(again.body.outcome, 'duplicate');
    }
    const afterRepeats = await readOrder(orderId);
    assert.equal(afterRepeats.version, before.version);
    assert.equal(afterRepeats.timeline.length, before.timeline.length);
  });

  test('a transition the table does not allow is a 409 that says from where and why', async () => {
    await api('PUT', '/inventory/SKU-409', { onHand: 5 });
    const orderId = await place('INVALID-1', 'SKU-409');
    await reachStatus(orderId, 'reserved');
    const early = await api('POST', `${orderPath(orderId)}/events`, {
      eventId: 'ship-too-early',
      type: 'shipped',
      carrier: 'fedex',
      service: 'standard',
    });
    assert.equal(early.status, 409);
    assert.equal(early.body.code, 'invalid_transition');
    assert.match(early.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(early.body.from, 'reserved');
    assert.equal(early.body.eventType, 'shipped');
    assert.match(String(early.body.reason), /pick/);

    for (const [eventId, type] of [
      ['p1', 'picked'],
      ['p2', 'packed'],
    ] as const) {
      await api('POST', `${orderPath(orderId)}/events`, { eventId, type });
    }
    await api('POST', `${orderPath(orderId)}/events`, {
      eventId: 'ship-1',
      type: 'shipped',
      carrier: 'fedex',
      service: 'standard',
    });
    const lateCancel = await api('POST', `${orderPath(orderId)}/cancel`, { reason: 'changed my mind' });
    assert.equal(lateCancel.status, 409);
    assert.match(String(lateCancel.body.reason), /until it has shipped/);
    assert.equal((await readOrder(orderId)).status, 'shipped');
  });

  test('two orders race for the last unit: exactly one reserves it, the other is backordered', async () => {
    await api('PUT', '/inventory/SKU-LAST', { onHand: 1 });
    const [a, b] = await Promise.all([place('RACE-A', 'SKU-LAST'), place('RACE-B', 'SKU-LAST')]);
    const settled = await Promise.all(
      [a, b].map((orderId) =>
        eventually(async () => {
          const status = (await readOrder(orderId)).status;
          return status === 'reserved' || status === 'backordered' ? status : undefined;
        }),
      ),
    );
    assert.deepEqual(settled.sort(), ['backordered', 'reserved']);
    const stock = (await api('GET', '/inventory/SKU-LAST')).body;
    assert.equal(stock.reserved, 1);
    assert.equal(stock.available, 0);
  });

  test('a backordered order proceeds when stock arrives; a repeated restock adds nothing', async () => {
    await api('PUT', '/inventory/SKU-BACK', { onHand: 0 });
    const orderId = await place('BACK-1', 'SKU-BACK', 3);
    await reachStatus(orderId, 'backordered');
    const restock = await api('POST', '/inventory/SKU-BACK/restock', { eventId: 'po-77', quantity: 5 });
    assert.equal(restock.status, 201);
    assert.equal(restock.body.ordersNotified, 1);
    await reachStatus(orderId, 'reserved');
    const repeat = await api('POST', '/inventory/SKU-BACK/restock', { eventId: 'po-77', quantity: 5 });
    assert.equal(repeat.body.outcome, 'duplicate');
    assert.deepEqual((await api('GET', '/inventory/SKU-BACK')).body, {
      sku: 'SKU-BACK',
      onHand: 5,
      reserved: 3,
      available: 2,
    });
  });

  test('cancel releases the reserved stock and ends the order; a second cancel is a no-op', async () => {
    await api('PUT', '/inventory/SKU-CANCEL', { onHand: 4 });
    const orderId = await place('CANCEL-1', 'SKU-CANCEL', 3);
    await reachStatus(orderId, 'reserved');
    assert.equal((await api('GET', '/inventory/SKU-CANCEL')).body.available, 1);
    const cancelled = await api('POST', `${orderPath(orderId)}/cancel`, { reason: 'customer request' });
    assert.equal(cancelled.status, 200);
    assert.equal(cancelled.body.outcome, 'applied');
    await reachStatus(orderId, 'cancelled');
    await eventually(async () => {
      const stock = (await api('GET', '/inventory/SKU-CANCEL')).body;
      return stock.available === 4 && stock.reserved === 0 ? stock : undefined;
    });
    const again = await api('POST', `${orderPath(orderId)}/cancel`, { reason: 'customer request' });
    assert.equal(again.status, 200);
    assert.equal(again.body.outcome, 'duplicate');
    const other = await api('POST', `${orderPath(orderId)}/hold`, { eventId: 'late-hold', reason: 'x' });
    assert.equal(other.status, 409);
    assert.equal(other.body.code, 'order_closed');
    assert.equal((await readOrder(orderId)).status, 'cancelled');
  });

  test('hold and release return the order to where it was', async () => {
    await api('PUT', '/inventory/SKU-HOLD', { onHand: 2 });
    const orderId = await place('HOLD-1', 'SKU-HOLD');
    await reachStatus(orderId, 'reserved');
    const held = await api('POST', `${orderPath(orderId)}/hold`, {
      eventId: 'hold-1',
      reason: 'fraud review',
    });
    assert.equal((held.body.order as { status: string }).status, 'on_hold');
    const blocked = await api('POST', `${orderPath(orderId)}/events`, { eventId: 'pick-x', type: 'picked' });
    assert.equal(blocked.status, 409);
    const released = await api('POST', `${orderPath(orderId)}/release`, { eventId: 'release-1' });
    assert.equal((released.body.order as { status: string }).status, 'reserved');
  });
});
