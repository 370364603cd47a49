import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { temporal } from '@temporalio/proto';
import { orderSubmissionSchema, toCanonicalOrder } from '../../src/domain/order';
import {
  ORDERS_TASK_QUEUE,
  OrderDelayedAttribute,
  OrderStatusAttribute,
  orderWorkflowId,
} from '../../src/workflows/order/contract';
import { eventually, orderPath, request } from '../support/http';
import { deliverOrder, shipOrder } from '../support/lifecycle-driver';
import { startOrderStack, type OrderStack } from '../support/order-stack';
import { sampleOrder } from '../support/orders';

const { EventType } = temporal.api.enums.v1;
const SKU = 'SKU-RELEASE';

/**
 * New orders start with ORDER_WORKFLOW_RELEASE: every patched change is in force from their first
 * task without its marker, the stock check is a local activity, and the search attributes they were
 * started with are not written again. Orders started without a release still take the patched path.
 */
describe('orders started with the current workflow release', () => {
  let stack: OrderStack;
  before(async () => {
    stack = await startOrderStack();
    await request(stack.baseUrl, 'PUT', `/inventory/${SKU}`, { onHand: 100 });
  });
  after(async () => {
    await stack?.stop();
  });

  const history = async (orderId: string) =>
    (await stack.env.client.workflow.getHandle(orderWorkflowId(orderId)).fetchHistory()).events ?? [];

  const settled = (orderId: string, status: string) =>
    eventually(async () =>
      (await request(stack.baseUrl, 'GET', orderPath(orderId))).body.status === status ? true : undefined,
    );

  const markers = (events: temporal.api.history.v1.IHistoryEvent[]) =>
    events
      .filter((event) => event.eventType === EventType.EVENT_TYPE_MARKER_RECORDED)
      .map((event) => event.markerRecordedEventAttributes?.markerName);

  const scheduledActivities = (events: temporal.api.history.v1.IHistoryEvent[]) =>
    events
      .filter((event) => event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
      .map((event) => event.activityTaskScheduledEventAttributes?.activityType?.name);

  test('an order through POST /orders is reserved in its first workflow task and records no patch marker', async () => {
    const response = await request(
      stack.baseUrl,
      'POST',
      '/orders',
      sampleOrder({
        externalId: 'REL-NEW',
        lines: [{ sku: SKU, quantity: 1, unitPriceMinor: 500 }],
      }),
    );
    assert.equal(response.status, 201);
    const orderId = response.body.orderId as string;
    const trackingNumber = await shipOrder(stack.baseUrl, orderId);
    await deliverOrder(stack.env.client, orderId, trackingNumber);
    await settled(orderId, 'delivered');

    const events = await history(orderId);
    assert.deepEqual(
      markers(events).filter((name) => name !== 'core_local_activity'),
      [],
      'no patch markers',
    );
    assert.ok(
      !scheduledActivities(events).includes('reserveInventory'),
      'the stock check is a local activity',
    );
    const workflowTasks = events.filter(
      (event) => event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
    );
    const firstReadModelWrite = events.findIndex(
      (event) => event.eventType === EventType.EVENT_TYPE_MARKER_RECORDED,
    );
    assert.ok(
      firstReadModelWrite > events.indexOf(workflowTasks[0]!) &&
        (workflowTasks.length < 2 || firstReadModelWrite < events.indexOf(workflowTasks[1]!)),
      'reserved and projected by the first workflow task',
    );
    const upserts = events
      .filter((event) => event.eventType === EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)
      .map(
        (event) => event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {},
      );
    assert.ok(
      upserts.every((fields) => !('TemporalChangeVersion' in fields)),
      'no patch versions upserted',
    );
    const firstStatus = upserts[0]?.OrderStatus?.data;
    assert.equal(
      firstStatus && Buffer.from(firstStatus).toString('utf8'),
      '"reserved"',
      'the first upsert is the first change of status, not the status the order started with',
    );
    const view = (await stack.env.client.workflow.getHandle(orderWorkflowId(orderId)).describe())
      .typedSearchAttributes;
    assert.equal(view.get(OrderStatusAttribute), 'delivered');
    assert.equal(view.get(OrderDelayedAttribute), false);
  });

  test('an order started without a release (by an earlier client) runs the patched changes behind their markers', async () => {
    const order = toCanonicalOrder(
      orderSubmissionSchema.parse(
        sampleOrder({ externalId: 'REL-OLD', lines: [{ sku: SKU, quantity: 1, unitPriceMinor: 500 }] }),
      ),
    );
    await stack.env.client.workflow.start('orderWorkflow', {
      taskQueue: ORDERS_TASK_QUEUE,
      workflowId: orderWorkflowId(order.orderId),
      args: [{ order }],
    });
    await settled(order.orderId, 'reserved');
    const events = await history(order.orderId);
    assert.ok(markers(events).includes('core_patch'), 'patch markers recorded');
    assert.ok(!scheduledActivities(events).includes('reserveInventory'), 'patched: the stock check is local');
  });
});
