import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { temporal } from '@temporalio/proto';
import { dispatchCarrierEvents } from '../../../src/carriers/events/dispatch-to-orders';
import type { CarrierTrackingEvent } from '../../../src/domain/tracking-status';
import { orderViewQuery, orderWorkflowId, timelineQuery } from '../../../src/workflows/order/contract';
import { eventually, orderPath, request } from '../../support/http';
import { stackWithStock } from '../../support/stocked-stack';
import { sampleOrder } from '../../support/orders';

const SKU = 'SKU-DEDUPE';
const SIGNALED = temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED;

describe('aggregator pushes repeating the whole history reach the order as their new events only', () => {
  const stack = stackWithStock(SKU);

  /** The names of the carrier signals in the order's history, oldest first. */
  async function carrierSignals(orderId: string): Promise<string[]> {
    const history = await stack().env.client.workflow.getHandle(orderWorkflowId(orderId)).fetchHistory();
    return (history.events ?? [])
      .filter((event) => event.eventType === SIGNALED)
      .map((event) => event.workflowExecutionSignaledEventAttributes?.signalName ?? '')
      .filter((name) => name.startsWith('carrierUpdate'));
  }

  /** The carrier signals once `count` are in the history (a signal that arrives while a workflow task runs is written after it). */
  const signalsOnceThere = (orderId: string, count: number) =>
    eventually(async () => {
      const names = await carrierSignals(orderId);
      return names.length >= count ? names : undefined;
    });

  /** The carrier events in the workflow's own timeline, by event ID. */
  async function carrierEventIds(orderId: string): Promise<string[]> {
    const timeline = await stack()
      .env.client.workflow.getHandle(orderWorkflowId(orderId))
      .query(timelineQuery);
    return timeline.filter((entry) => entry.eventType === 'carrier_update').map((entry) => entry.eventId);
  }

  async function shippedOrder(name: string): Promise<{ orderId: string; trackingNumber: string }> {
    const created = await request(stack().baseUrl, 'POST', '/orders', {
      ...sampleOrder({ externalId: name, lines: [{ sku: SKU, quantity: 1, unitPriceMinor: 500 }] }),
      promisedDeliveryDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const orderId = created.body.orderId as string;
    await eventually(async () =>
      (await request(stack().baseUrl, 'GET', orderPath(orderId))).body.status === 'reserved'
        ? true
        : undefined,
    );
    for (const type of ['picked', 'packed'] as const) {
      const response = await request(stack().baseUrl, 'POST', `${orderPath(orderId)}/events`, {
        eventId: `${type}-1`,
        type,
      });
      assert.equal(response.status, 200, JSON.stringify(response.body));
    }
    const shipped = await request<{ order: { shipment: { trackingNumber: string } } }>(
      stack().baseUrl,
      'POST',
      `${orderPath(orderId)}/events`,
      { eventId: 'shipped-1', type: 'shipped', carrier: 'ups', service: 'standard' },
    );
    assert.equal(shipped.status, 200, JSON.stringify(shipped.body));
    const trackingNumber = shipped.body.order.shipment.trackingNumber;
    // Carrier events find their order through the shipment row the workflow writes.
    await eventually(async () => {
      const { rows } = await stack().database.db.query('SELECT 1 FROM shipments WHERE tracking_number = $1', [
        trackingNumber,
      ]);
      return rows.length > 0 ? true : undefined;
    });
    return { orderId, trackingNumber };
  }

  const scan = (trackingNumber: string, id: string, status: CarrierTrackingEvent['status'], minute: number) =>
    ({
      eventId: id,
      carrier: 'ups',
      trackingNumber,
      status,
      occurredAt: new Date(Date.UTC(2026, 10, 28, 10, minute)).toISOString(),
      rawCode: status,
      rawDescription: status,
      via: 'easypost',
    }) satisfies CarrierTrackingEvent;

  test('one signal per push with only the new events; a push of known events signals nothing', async () => {
    const { orderId, trackingNumber } = await shippedOrder('DEDUPE-1');
    const dispatch = dispatchCarrierEvents(stack().database.db, stack().env.client);
    const first = [
      scan(trackingNumber, 'ep-1', 'in_transit', 1),
      scan(trackingNumber, 'ep-2', 'in_transit', 2),
    ];
    await dispatch(first);
    assert.deepEqual(await signalsOnceThere(orderId, 1), ['carrierUpdates']);
    assert.deepEqual(await carrierEventIds(orderId), ['ep-1', 'ep-2']);

    // The next push repeats the history and adds two scans, newest first as aggregators list them.
    const second = [
      scan(trackingNumber, 'ep-4', 'delivered', 4),
      scan(trackingNumber, 'ep-3', 'out_for_delivery', 3),
      ...first,
    ];
    await dispatch(second);
    assert.deepEqual(await signalsOnceThere(orderId, 2), ['carrierUpdates', 'carrierUpdates']);
    assert.deepEqual(await carrierEventIds(orderId), ['ep-1', 'ep-2', 'ep-3', 'ep-4']);
    const view = await eventually(async () => {
      const current = await stack()
        .env.client.workflow.getHandle(orderWorkflowId(orderId))
        .query(orderViewQuery);
      return current.status === 'delivered' ? current : undefined;
    });
    assert.equal(view.status, 'delivered');

    // Another API process (nothing remembered in memory) gets the same whole history again: the read
    // model's timeline already holds every event, so the order is not signalled.
    await eventually(async () => {
      const { body } = await request<{ timeline: { eventId: string }[] }>(
        stack().baseUrl,
        'GET',
        orderPath(orderId),
      );
      return body.timeline.some((entry) => entry.eventId === 'ep-4') ? true : undefined;
    });
    // The push moved the parcel twice: the customer is told only where it is now.
    const { rows } = await stack().database.db.query<{ milestone: string }>(
      `SELECT request->>'milestone' AS milestone FROM notice_outbox WHERE order_id = $1 AND event_id IN ('ep-3', 'ep-4')`,
      [orderId],
    );
    assert.deepEqual(
      rows.map((row) => row.milestone),
      ['delivered'],
    );
    await dispatchCarrierEvents(stack().database.db, stack().env.client)(second);
    assert.equal((await carrierSignals(orderId)).length, 2);
  });

  test('the same event in one push twice is sent once', async () => {
    const { orderId, trackingNumber } = await shippedOrder('DEDUPE-2');
    const event = scan(trackingNumber, 'ep-dup', 'in_transit', 5);
    await dispatchCarrierEvents(stack().database.db, stack().env.client)([event, { ...event }]);
    assert.deepEqual(await signalsOnceThere(orderId, 1), ['carrierUpdates']);
    assert.deepEqual(await carrierEventIds(orderId), ['ep-dup']);
  });
});
