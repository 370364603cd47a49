import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { fromWorkflowError } from '../../../src/api/temporal-errors';
import { HttpError } from '../../../src/api/http-errors';
import { orderSubmissionSchema, toCanonicalOrder } from '../../../src/domain/order';
import type { CarrierTrackingEvent } from '../../../src/domain/tracking-status';
import {
  cancelOrder,
  holdOrder,
  queryOrderView,
  releaseOrder,
  sendCarrierUpdate,
  sendFulfillmentEvent,
  startOrderWorkflow,
} from '../../../src/orders/order-client';
import type { OrderWorkflowSettings } from '../../../src/workflows/order/contract';
import { eventually } from '../../support/http';
import { startOrderStack, type OrderStack } from '../../support/order-stack';
import { sampleOrder } from '../../support/orders';

const MAX_ENTRIES = 6;
const SETTINGS: OrderWorkflowSettings = { maxTimelineEntries: MAX_ENTRIES };

/** The order client is what every door (warehouse, ops, carriers) reaches the order through. */
describe('per-order bounds: whatever callers send, the workflow keeps a bounded timeline', () => {
  let stack: OrderStack;
  before(async () => {
    stack = await startOrderStack({ workflowSettings: SETTINGS });
    await stack.database.db.query(
      "INSERT INTO inventory (sku, on_hand) VALUES ('SKU-MUG', 100) ON CONFLICT (sku) DO UPDATE SET on_hand = 100",
    );
  });
  after(async () => {
    await stack?.stop();
  });

  const client = () => stack.env.client;
  const view = (orderId: string) => queryOrderView(client(), orderId);

  async function reservedOrder(externalId: string): Promise<string> {
    const order = toCanonicalOrder(orderSubmissionSchema.parse(sampleOrder({ externalId })));
    const { orderId } = await startOrderWorkflow(client(), order, SETTINGS);
    await eventually(async () => ((await view(orderId)).status === 'reserved' ? true : undefined));
    return orderId;
  }

  /** What the API answers for a refused update. */
  async function answerOf(orderId: string, send: () => Promise<unknown>): Promise<HttpError | 'ok'> {
    try {
      await send();
      return 'ok';
    } catch (error) {
      if (!(error instanceof WorkflowUpdateFailedError)) throw error;
      const mapped = fromWorkflowError(error, orderId);
      assert.ok(mapped instanceof HttpError);
      return mapped;
    }
  }

  test('at the bound, holds and releases are refused with 409 and the order can still be cancelled', async () => {
    const orderId = await reservedOrder('BOUND-1');
    let refusal: HttpError | undefined;
    for (let i = 0; i < 10 && !refusal; i += 1) {
      const answer = await answerOf(orderId, () =>
        i % 2 === 0
          ? holdOrder(client(), orderId, { eventId: `h-${i}`, reasonCode: 'other' })
          : releaseOrder(client(), orderId, { eventId: `r-${i}` }),
      );
      if (answer !== 'ok') refusal = answer;
    }
    assert.equal(refusal?.status, 409);
    assert.equal(refusal?.code, 'order_event_limit');
    assert.equal((await view(orderId)).timelineLength, MAX_ENTRIES);

    const cancelled = await answerOf(orderId, () =>
      cancelOrder(client(), orderId, { eventId: 'cancel', source: 'ops', reasonCode: 'other' }),
    );
    assert.equal(cancelled, 'ok');
    assert.equal((await view(orderId)).status, 'cancelled');
  });

  test('at the bound, carrier scans that would not close the order are dropped; delivery still lands', async () => {
    const orderId = await reservedOrder('BOUND-2');
    await sendFulfillmentEvent(client(), orderId, { eventId: 'wh-1', type: 'picked' });
    await sendFulfillmentEvent(client(), orderId, { eventId: 'wh-2', type: 'packed' });
    await sendFulfillmentEvent(client(), orderId, {
      eventId: 'wh-3',
      type: 'shipped',
      carrier: 'ups',
      service: 'express',
    });
    const trackingNumber = await eventually(async () => (await view(orderId)).shipment?.trackingNumber);
    const scan = (i: number, status: CarrierTrackingEvent['status']): CarrierTrackingEvent => ({
      eventId: `scan-${i}`,
      carrier: 'ups',
      trackingNumber,
      status,
      occurredAt: new Date(Date.UTC(2026, 10, 21, 8, i)).toISOString(),
      rawCode: status === 'delivered' ? 'D' : 'I',
      rawDescription: status,
      via: 'ups',
    });
    for (let i = 0; i < 8; i += 1) await sendCarrierUpdate(client(), orderId, scan(i, 'in_transit'));
    await sendCarrierUpdate(client(), orderId, scan(20, 'delivered'));
    const delivered = await eventually(async () => {
      const current = await view(orderId);
      return current.status === 'delivered' ? current : undefined;
    });
    assert.equal(delivered.timelineLength, MAX_ENTRIES + 1, 'the scans past the bound were dropped');
  });
});
