import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orderSubmissionSchema, toCanonicalOrder } from '../../src/domain/order';
import type { OrderStatus } from '../../src/domain/order-status';
import { addDays } from '../../src/prediction/history/shipment-history';
import { queryOrderView, sendCarrierUpdate, startOrderWorkflow } from '../../src/orders/order-client';
import { orderWorkflowId } from '../../src/workflows/order/contract';
import { startForecastStack, trainMadeUpModel, type ForecastStack } from '../support/forecast-stack';
import { eventually } from '../support/http';
import { carrierScan, shipThroughClient } from '../support/lifecycle-driver';
import { sampleOrder } from '../support/orders';

const DAY_MS = 86_400_000;

const reaches = (stack: ForecastStack, orderId: string, status: OrderStatus) =>
  eventually(async () =>
    (await queryOrderView(stack.env.client, orderId)).status === status ? true : undefined,
  );

async function attributes(stack: ForecastStack, orderId: string): Promise<Record<string, unknown>> {
  const description = await stack.env.client.workflow.getHandle(orderWorkflowId(orderId)).describe();
  return Object.fromEntries(
    description.typedSearchAttributes.getAll().map((pair) => [pair.key.name, pair.value]),
  );
}

test('scans that leave the parcel in transit raise the late probability; the customer is warned once', async () => {
  const stack = await startForecastStack();
  try {
    const trained = await trainMadeUpModel(stack.database, 'UPS Ground');
    await stack.database.db.query(`INSERT INTO inventory (sku, on_hand) VALUES ('SKU-MUG', 10)`);
    const nowMs = await stack.env.currentTimeMs();
    const today = new Date(nowMs).toISOString().slice(0, 10);
    const promisedDeliveryDate = addDays(today, 5);
    const submission = sampleOrder({ placedAt: new Date(nowMs).toISOString(), promisedDeliveryDate });
    const order = toCanonicalOrder(orderSubmissionSchema.parse(submission));
    await startOrderWorkflow(stack.env.client, order);
    await reaches(stack, order.orderId, 'reserved');
    await shipThroughClient(stack.env.client, order.orderId, { carrier: 'ups', service: 'UPS Ground' });
    const shipped = await eventually(async () => {
      const view = await queryOrderView(stack.env.client, order.orderId);
      return view.deliveryForecast ? view : undefined;
    });
    const first = shipped.deliveryForecast!;
    assert.equal(first.reason, 'shipped');
    assert.equal(first.modelVersion, trained.version);
    assert.ok(first.lateProbability < 0.5, `at shipping ${first.lateProbability}`);
    const trackingNumber = shipped.shipment!.trackingNumber!;

    const probabilities = [first.lateProbability];
    for (let day = 1; day <= 7; day++) {
      await stack.env.sleep(DAY_MS);
      const at = new Date(await stack.env.currentTimeMs()).toISOString();
      await sendCarrierUpdate(
        stack.env.client,
        order.orderId,
        carrierScan(trackingNumber, `scan-${day}`, 'in_transit', at),
      );
      await eventually(async () => {
        const current = await queryOrderView(stack.env.client, order.orderId);
        return current.shipment?.lastScanAt === at ? true : undefined;
      });
      await stack.env.sleep(60_000);
      const view = await queryOrderView(stack.env.client, order.orderId);
      probabilities.push(view.deliveryForecast!.lateProbability);
    }
    for (let index = 1; index < probabilities.length; index++)
      assert.ok(probabilities[index]! >= probabilities[index - 1]!, `rises: ${probabilities.join(', ')}`);
    assert.equal(probabilities.at(-1), 1);

    const warnings = (await stack.notices()).filter((notice) => notice.milestone === 'delivery_at_risk');
    assert.equal(warnings.length, 1, 'warned once');
    const [warning] = warnings;
    assert.ok(warning!.occurredAt.slice(0, 10) <= promisedDeliveryDate, 'before the promised date passed');
    const view = await queryOrderView(stack.env.client, order.orderId);
    const atWarning = view.forecastRevisions!.find((revision) => revision.lateProbability >= 0.5)!;
    assert.deepEqual(warning!.details.deliveryWindow, atWarning.window);
    assert.equal(warning!.details.promisedDelivery, promisedDeliveryDate);
    assert.equal(view.atRisk, true);

    const flagged = await attributes(stack, order.orderId);
    assert.deepEqual([flagged.OrderAtRisk, flagged.OrderRiskStage], [true, 'delivery']);
    const { rows: exceptions } = await stack.database.db.query(
      `SELECT stage, resolved_at FROM order_exceptions WHERE order_id = $1`,
      [order.orderId],
    );
    assert.deepEqual(exceptions, [{ stage: 'delivery', resolved_at: null }]);

    const deliveredAt = new Date(await stack.env.currentTimeMs()).toISOString();
    await sendCarrierUpdate(
      stack.env.client,
      order.orderId,
      carrierScan(trackingNumber, 'delivered', 'delivered', deliveredAt),
    );
    await reaches(stack, order.orderId, 'delivered');
    const history = await eventually(async () => {
      const { rows } = await stack.database.db.query<{ service: string; promised: string }>(
        `SELECT service, to_char(promised_date, 'YYYY-MM-DD') AS promised FROM shipment_history WHERE natural_key = $1`,
        [`order:${order.orderId}:1`],
      );
      return rows.length > 0 ? rows : undefined;
    });
    assert.deepEqual(history, [{ service: 'UPS Ground', promised: promisedDeliveryDate }]);
  } finally {
    await stack.stop();
  }
});

test('scans close together reuse the lane’s answer; a scan hours later asks the model again', async () => {
  const stack = await startForecastStack();
  try {
    await trainMadeUpModel(stack.database, 'UPS Ground');
    await stack.database.db.query(`INSERT INTO inventory (sku, on_hand) VALUES ('SKU-MUG', 10)`);
    const nowMs = await stack.env.currentTimeMs();
    const promisedDeliveryDate = addDays(new Date(nowMs).toISOString().slice(0, 10), 5);
    const submission = sampleOrder({
      externalId: 'REUSE-1',
      placedAt: new Date(nowMs).toISOString(),
      promisedDeliveryDate,
    });
    const order = toCanonicalOrder(orderSubmissionSchema.parse(submission));
    await startOrderWorkflow(stack.env.client, order);
    await reaches(stack, order.orderId, 'reserved');
    const trackingNumber = await shipThroughClient(stack.env.client, order.orderId, {
      carrier: 'ups',
      service: 'UPS Ground',
    });
    const scan = async (eventId: string, status: 'in_transit' | 'out_for_delivery', gapMs: number) => {
      await stack.env.sleep(gapMs);
      const at = new Date(await stack.env.currentTimeMs()).toISOString();
      await sendCarrierUpdate(
        stack.env.client,
        order.orderId,
        carrierScan(trackingNumber, eventId, status, at),
      );
      await eventually(async () => {
        const view = await queryOrderView(stack.env.client, order.orderId);
        return view.shipment?.lastScanAt === at ? true : undefined;
      });
      await stack.env.sleep(60_000);
      return queryOrderView(stack.env.client, order.orderId);
    };
    await scan('scan-1', 'in_transit', 10 * 60_000);
    await scan('scan-2', 'in_transit', 10 * 60_000);
    assert.equal(
      await modelQuestions(stack, order.orderId),
      1,
      'shipping asked; two scans within minutes reused it',
    );
    const later = await scan('scan-3', 'out_for_delivery', 7 * 3_600_000);
    assert.equal(await modelQuestions(stack, order.orderId), 2, 'a scan seven hours on asked again');
    assert.equal(later.deliveryForecast!.modelVersion > 0, true);
  } finally {
    await stack.stop();
  }
});

/** The local activities that asked the model for this order's lane, from its history. */
async function modelQuestions(stack: ForecastStack, orderId: string): Promise<number> {
  const history = await stack.env.client.workflow.getHandle(orderWorkflowId(orderId)).fetchHistory();
  return (history.events ?? []).filter((event) => {
    const marker = event.markerRecordedEventAttributes;
    const data =
      marker?.markerName === 'core_local_activity' ? marker.details?.data?.payloads?.[0]?.data : undefined;
    return (
      data !== undefined &&
      data !== null &&
      Buffer.from(data).toString('utf8').includes('"predictShipmentDelivery"')
    );
  }).length;
}
