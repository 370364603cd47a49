import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { temporal } from '@temporalio/proto';
import pg from 'pg';
import { orderSubmissionSchema, toCanonicalOrder } from '../../src/domain/order';
import {
  ORDERS_TASK_QUEUE,
  OrderDelayedAttribute,
  OrderStatusAttribute,
  orderWorkflowId,
} from '../../src/workflows/order/contract';
import { eventually, orderPath, request } from '../support/http';
import { deliverOrder, shipOrder } from '../support/lifecycle-driver';
import { stackWithStock } from '../support/stocked-stack';
import { sampleOrder } from '../support/orders';

const { EventType } = temporal.api.enums.v1;
const SKU = 'SKU-RELEASE';

/**
 * New orders start with ORDER_WORKFLOW_RELEASE: every patched change is in force from their first
 * task without its marker, and the search attributes they were started with are not written again.
 * Orders started without a release still take the patched path.
 */
describe('orders started with the current workflow release', () => {
  const stack = stackWithStock(SKU);

  const history = async (orderId: string) =>
    (await stack().env.client.workflow.getHandle(orderWorkflowId(orderId)).fetchHistory()).events ?? [];

  const settled = (orderId: string, status: string) =>
    eventually(async () =>
      (await request(stack().baseUrl, 'GET', orderPath(orderId))).body.status === status ? true : undefined,
    );

  const markers = (events: temporal.api.history.v1.IHistoryEvent[]) =>
    events
      .filter((event) => event.eventType === EventType.EVENT_TYPE_MARKER_RECORDED)
      .map((event) => event.markerRecordedEventAttributes?.markerName);

  test('an order through POST /orders records no patch marker and writes only the search attributes that change', async () => {
    const response = await request(
      stack().baseUrl,
      'POST',
      '/orders',
      sampleOrder({
        externalId: 'REL-NEW',
        lines: [{ sku: SKU, quantity: 1, unitPriceMinor: 500 }],
      }),
    );
    assert.equal(response.status, 201);
    const orderId = response.body.orderId as string;
    const trackingNumber = await shipOrder(stack().baseUrl, orderId);
    await deliverOrder(stack().env.client, orderId, trackingNumber);
    await settled(orderId, 'delivered');

    const events = await history(orderId);
    assert.deepEqual(
      markers(events).filter((name) => name !== 'core_local_activity'),
      [],
      'no patch markers',
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
    const view = (await stack().env.client.workflow.getHandle(orderWorkflowId(orderId)).describe())
      .typedSearchAttributes;
    assert.equal(view.get(OrderStatusAttribute), 'delivered');
    assert.equal(view.get(OrderDelayedAttribute), false);
  });

  test('a repeated "shipped" is answered with the tracking number once the first has recorded the shipment', async () => {
    const response = await request(
      stack().baseUrl,
      'POST',
      '/orders',
      sampleOrder({ externalId: 'REL-SHIP-TWICE', lines: [{ sku: SKU, quantity: 1, unitPriceMinor: 500 }] }),
    );
    const orderId = response.body.orderId as string;
    await settled(orderId, 'reserved');
    for (const type of ['picked', 'packed'])
      await request(stack().baseUrl, 'POST', `${orderPath(orderId)}/events`, { eventId: `${type}-1`, type });
    // Recording the shipment waits on this lock (its reservations), so the repeat arrives meanwhile.
    const locker = new pg.Client({ connectionString: stack().database.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM reservations WHERE order_id = $1 FOR UPDATE', [orderId]);
    const shipped = { eventId: 'shipped-1', type: 'shipped', carrier: 'ups', service: 'standard' };
    const send = () =>
      request<{ order: { shipment?: { trackingNumber?: string } } }>(
        stack().baseUrl,
        'POST',
        `${orderPath(orderId)}/events`,
        shipped,
      );
    const first = send();
    await eventually(async () =>
      (await request(stack().baseUrl, 'GET', orderPath(orderId))).body.status === 'shipped'
        ? true
        : undefined,
    );
    const repeat = send();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await locker.query('COMMIT');
    await locker.end();
    for (const answer of await Promise.all([first, repeat])) {
      assert.equal(answer.status, 200);
      assert.match(answer.body.order.shipment?.trackingNumber ?? '', /^1Z/);
    }
  });

  test('an order started without a release (by an earlier client) runs the patched changes behind their markers', async () => {
    const order = toCanonicalOrder(
      orderSubmissionSchema.parse(
        sampleOrder({ externalId: 'REL-OLD', lines: [{ sku: SKU, quantity: 1, unitPriceMinor: 500 }] }),
      ),
    );
    await stack().env.client.workflow.start('orderWorkflow', {
      taskQueue: ORDERS_TASK_QUEUE,
      workflowId: orderWorkflowId(order.orderId),
      args: [{ order }],
    });
    await settled(order.orderId, 'reserved');
    const events = await history(order.orderId);
    assert.ok(markers(events).includes('core_patch'), 'patch markers recorded');
  });
});
