import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orderSubmissionSchema, toCanonicalOrder, type CanonicalOrder } from '../../src/domain/order';
import { parsePromiseConfig } from '../../src/domain/promise/promise-policy';
import type { OrderStatus } from '../../src/domain/order-status';
import {
  queryOrderView,
  sendCarrierUpdate,
  sendFulfillmentEvent,
  startOrderWorkflow,
} from '../../src/orders/order-client';
import { startDeadlineStack, type DeadlineStack } from '../support/deadline-stack';
import { eventually } from '../support/http';
import { carrierScan, shipThroughClient } from '../support/lifecycle-driver';
import { sampleOrder } from '../support/orders';

const HOUR_MS = 3600_000;

/**
 * Milliseconds from `nowMs` to the next Monday–Friday 08:00 UTC. Orders are placed then, so the
 * deadlines they meet or miss do not depend on the hour the test runs (an order placed in the
 * evening would also miss the day's hand-over cut-off).
 */
function untilWeekdayMorning(nowMs: number): number {
  const morning = new Date(nowMs);
  morning.setUTCHours(8, 0, 0, 0);
  if (morning.getTime() <= nowMs) morning.setUTCDate(morning.getUTCDate() + 1);
  while ([0, 6].includes(morning.getUTCDay())) morning.setUTCDate(morning.getUTCDate() + 1);
  return morning.getTime() - nowMs;
}

async function admit(
  stack: DeadlineStack,
  overrides: Parameters<typeof sampleOrder>[0],
): Promise<CanonicalOrder> {
  await stack.database.db.query(`INSERT INTO inventory (sku, on_hand) VALUES ('SKU-MUG', 10)`);
  await stack.env.sleep(untilWeekdayMorning(await stack.env.currentTimeMs()));
  const placedAt = new Date(await stack.env.currentTimeMs()).toISOString();
  const submission = sampleOrder({ placedAt, promisedDeliveryDate: undefined, ...overrides });
  return toCanonicalOrder(orderSubmissionSchema.parse(submission));
}

const reaches = (stack: DeadlineStack, orderId: string, status: OrderStatus) =>
  eventually(async () =>
    (await queryOrderView(stack.env.client, orderId)).status === status ? true : undefined,
  );

const milestones = async (stack: DeadlineStack, orderId: string) =>
  (await stack.notices()).filter((notice) => notice.orderId === orderId).map((notice) => notice.milestone);

test('a missed pick deadline raises an exception for ops, and picking clears it', async () => {
  const stack = await startDeadlineStack();
  try {
    const order = await admit(stack, {
      externalId: 'LATE-PICK',
      customer: { ...sampleOrder().customer, tier: 'gold' },
    });
    const promises = parsePromiseConfig({ accounts: { 'web:acme': { pickWithinHours: 4 } } });
    await startOrderWorkflow(stack.env.client, order, undefined, promises);
    await reaches(stack, order.orderId, 'reserved');

    await stack.env.sleep(3 * HOUR_MS);
    assert.deepEqual(await stack.openExceptions(order.orderId), []);
    assert.notEqual((await stack.searchAttributes(order.orderId)).OrderAtRisk, true);

    await stack.env.sleep(2 * HOUR_MS);
    const raised = await eventually(async () => {
      const open = await stack.openExceptions(order.orderId);
      return open.length > 0 ? open : undefined;
    });
    assert.deepEqual(raised, [{ stage: 'picking', level: 1, priority: 'normal' }]);
    const atRisk = await eventually(async () => {
      const attributes = await stack.searchAttributes(order.orderId);
      return attributes.OrderAtRisk === true ? attributes : undefined;
    });
    assert.equal(atRisk.OrderRiskStage, 'picking');
    assert.ok(typeof atRisk.OrderLatenessMinutes === 'number' && atRisk.OrderLatenessMinutes < 60);
    const { rows } = await stack.database.db.query<{ customer_tier: string; order_value_minor: number }>(
      `SELECT customer_tier, order_value_minor::integer FROM order_exceptions WHERE order_id = $1`,
      [order.orderId],
    );
    assert.deepEqual(rows, [{ customer_tier: 'gold', order_value_minor: 2500 }]);

    await sendFulfillmentEvent(stack.env.client, order.orderId, { eventId: 'picked-1', type: 'picked' });
    await eventually(async () =>
      (await stack.openExceptions(order.orderId)).length === 0 ? true : undefined,
    );
    const cleared = await eventually(async () => {
      const attributes = await stack.searchAttributes(order.orderId);
      return attributes.OrderAtRisk === false ? attributes : undefined;
    });
    assert.equal(cleared.OrderRiskStage, undefined);
    assert.deepEqual(await milestones(stack, order.orderId), ['order_confirmed']);
  } finally {
    await stack.stop();
  }
});

test('a stalled shipment is polled, flagged delayed and notified once, then escalated once', async () => {
  const stack = await startDeadlineStack();
  try {
    const order = await admit(stack, { externalId: 'STALLED', serviceLevel: 'economy' });
    await startOrderWorkflow(stack.env.client, order, undefined, parsePromiseConfig({}));
    await reaches(stack, order.orderId, 'reserved');
    const trackingNumber = await shipThroughClient(
      stack.env.client,
      order.orderId,
      { carrier: 'ups', service: 'ground' },
      '-1',
    );
    const scannedAt = await stack.env.currentTimeMs();
    await sendCarrierUpdate(
      stack.env.client,
      order.orderId,
      carrierScan(trackingNumber, 'scan-1', 'in_transit', new Date(scannedAt).toISOString()),
    );
    await reaches(stack, order.orderId, 'in_transit');
    const promised = (await queryOrderView(stack.env.client, order.orderId)).promisedDeliveryDate;

    await stack.env.sleep(47 * HOUR_MS);
    assert.ok(!(await milestones(stack, order.orderId)).includes('shipment_stalled'));
    assert.equal((await queryOrderView(stack.env.client, order.orderId)).delayed, false);

    await stack.env.sleep(2 * HOUR_MS);
    await eventually(async () =>
      (await milestones(stack, order.orderId)).includes('shipment_stalled') ? true : undefined,
    );
    const stallPoll = stack.carrier.polledAt.find((at) => at >= scannedAt + 48 * HOUR_MS);
    assert.ok(stallPoll !== undefined && stallPoll < scannedAt + 48 * HOUR_MS + 5 * 60_000, 'polled at once');
    const delayed = await queryOrderView(stack.env.client, order.orderId);
    assert.equal(delayed.delayed, true);
    assert.ok(delayed.estimatedDelivery! >= promised!, 'the revised date is never earlier than the promise');
    const notice = (await stack.notices()).find((item) => item.milestone === 'shipment_stalled')!;
    assert.equal(notice.details.estimatedDelivery, delayed.estimatedDelivery);
    assert.deepEqual(await stack.openExceptions(order.orderId), [
      { stage: 'in_transit', level: 1, priority: 'high' },
    ]);
    assert.equal((await stack.searchAttributes(order.orderId)).OrderRiskStage, 'in_transit');

    await stack.env.sleep(48 * HOUR_MS);
    await eventually(async () =>
      (await milestones(stack, order.orderId)).includes('stall_escalated') ? true : undefined,
    );
    await eventually(async () => {
      const open = await stack.openExceptions(order.orderId);
      return open.some((row) => row.stage === 'in_transit' && row.level === 2 && row.priority === 'urgent')
        ? true
        : undefined;
    });

    await stack.env.sleep(48 * HOUR_MS);
    const sent = await milestones(stack, order.orderId);
    assert.equal(sent.filter((milestone) => milestone === 'shipment_stalled').length, 1);
    assert.equal(sent.filter((milestone) => milestone === 'stall_escalated').length, 1);
    assert.ok(!sent.includes('delayed'), 'the stall notice is the delay notice');

    await sendCarrierUpdate(
      stack.env.client,
      order.orderId,
      carrierScan(
        trackingNumber,
        'scan-2',
        'delivered',
        new Date(await stack.env.currentTimeMs()).toISOString(),
      ),
    );
    await reaches(stack, order.orderId, 'delivered');
    await eventually(async () =>
      (await stack.openExceptions(order.orderId)).length === 0 ? true : undefined,
    );
    await eventually(async () =>
      (await stack.searchAttributes(order.orderId)).OrderAtRisk === false ? true : undefined,
    );
  } finally {
    await stack.stop();
  }
});
