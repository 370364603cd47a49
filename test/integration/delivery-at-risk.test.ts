import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateTrackingNumber } from '../../src/domain/tracking-numbers';
import { checkSync } from '../../src/orders/sync-check';
import { queryOrderView, queryOrderTimeline } from '../../src/orders/order-client';
import type { RecoveryOptions } from '../../src/orders/order-recovery';
import { recordDeliveredShipments } from '../../src/prediction/history/history-store';
import { addDays, importSource } from '../../src/prediction/history/shipment-history';
import { retrainFromHistory } from '../../src/prediction/retrain';
import type { ScenarioName } from '../../src/simulators/carriers/scenarios';
import type { SimulatedShipment } from '../../src/simulators/carriers/shipment';
import type { ReceivedEmail } from '../../src/simulators/sendgrid';
import type { CustomerOrderView } from '../../src/status-page/customer-view';
import { eventually, orderPath, request } from '../support/http';
import { startOrderStack, type OrderStack } from '../support/order-stack';
import { sampleOrder } from '../support/orders';
import type { TestDatabase } from '../support/database';
import { issueOrderLink } from '../../src/security/customer-links';

/** Delivered minus promised days per service: Ground is late a quarter of the time, Next Day Air never. */
const LANES: Record<string, number[]> = {
  'UPS Ground': [-3, -2, -1, 0, 0, 0, 1, 2],
  'UPS Next Day Air': [-3, -2, -2, -1, -1, -1, 0, 0],
};
// The made-up Ground lane warns at 0.50 once the carrier moves its date four days out; 0.40–0.45 before.
const AT_RISK_THRESHOLD = 0.48;
const SKU = 'SKU-RISK';

/** 160 made-up UPS shipments per service over 2025, trained into the first model. */
async function trainMadeUpModel(database: TestDatabase) {
  const records = Object.entries(LANES).flatMap(([service, residuals], lane) =>
    Array.from({ length: 160 }, (_, index) => {
      const promisedDate = addDays('2025-01-06', Math.floor(index * 2.2));
      return {
        naturalKey: `made-up:${lane}:${index}`,
        source: importSource('made-up'),
        carrier: 'ups',
        service,
        deliveryTerms: null,
        originRegion: null,
        destinationRegion: 'US',
        promisedDate,
        shippedAt: `${addDays(promisedDate, -5)}T15:00:00Z`,
        deliveredAt: `${addDays(promisedDate, residuals[index % residuals.length]!)}T14:00:00Z`,
        weightKg: 1,
        stageTimings: {},
      };
    }),
  );
  await recordDeliveredShipments(database.db, records);
  return retrainFromHistory(database.db);
}

/** "Thu, Mar 13", as the English templates write a date. */
const shortDay = (isoDate: string) =>
  new Date(`${isoDate}T12:00:00Z`).toLocaleDateString('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });

describe('a shipment running late: forecast, customer warning, status page and ops recovery', () => {
  let stack: OrderStack;
  const today = new Date().toISOString().slice(0, 10);
  const promisedDeliveryDate = addDays(today, 1);

  before(async () => {
    process.env.ORDER_DELIVERY_RISK_CONFIG_JSON = JSON.stringify({
      defaults: { atRiskThreshold: AT_RISK_THRESHOLD },
    });
    stack = await startOrderStack({ notifications: true });
    await trainMadeUpModel(stack.database);
    await request(stack.baseUrl, 'PUT', `/inventory/${SKU}`, { onHand: 100 });
  });
  after(async () => {
    delete process.env.ORDER_DELIVERY_RISK_CONFIG_JSON;
    await stack?.stop();
  });

  const api = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) =>
    request<T>(stack.baseUrl, method, path, body);
  const recoveryPath = (orderId: string) => `/ops/orders/${encodeURIComponent(orderId)}/recovery`;

  async function nextTrackingNumber(service: string): Promise<string> {
    const { rows } = await stack.database.db.query<{ last_value: string; is_called: boolean }>(
      'SELECT last_value, is_called FROM tracking_package_seq',
    );
    const row = rows[0]!;
    const next = Number(row.last_value) + (row.is_called ? 1 : 0);
    return generateTrackingNumber({ carrier: 'ups', service, packageSequence: next, upsShipperId: '8V92A7' });
  }

  /** An order shipped with UPS Ground, its parcel following the scenario in the carrier simulator. */
  async function shippedOrder(externalId: string, email: string, promised: string, scenario: ScenarioName) {
    const submission = sampleOrder({
      externalId,
      promisedDeliveryDate: promised,
      lines: [{ sku: SKU, quantity: 1, unitPriceMinor: 4999 }],
    });
    const created = await api('POST', '/orders', {
      ...submission,
      customer: { ...submission.customer, email },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const orderId = created.body.orderId as string;
    await eventually(async () =>
      (await queryOrderView(stack.env.client, orderId)).status === 'reserved' ? true : undefined,
    );
    for (const type of ['picked', 'packed'] as const)
      assert.equal((await api('POST', `${orderPath(orderId)}/events`, { eventId: type, type })).status, 200);
    const trackingNumber = await nextTrackingNumber('UPS Ground');
    stack.carriers.createShipment({
      carrier: 'ups',
      trackingNumber,
      service: 'UPS Ground',
      scenario,
      channels: ['ups'],
    });
    const shipped = await api('POST', `${orderPath(orderId)}/events`, {
      eventId: 'shipped',
      type: 'shipped',
      carrier: 'ups',
      service: 'UPS Ground',
    });
    assert.equal(shipped.status, 200, JSON.stringify(shipped.body));
    // UPS pushes only once the workflow has subscribed to the parcel's Track Alert.
    await eventually(async () => {
      const response = await fetch(`${stack.carriers.url}/simulator/shipments/${trackingNumber}`);
      return ((await response.json()) as SimulatedShipment).subscribed ? true : undefined;
    });
    return { orderId, trackingNumber };
  }

  const atRiskEmails = async (email: string) => {
    const { body } = await request<{ received: ReceivedEmail[] }>(
      stack.providers!.urls.sendgrid!,
      'GET',
      '/_sim/received',
    );
    return body.received.filter(
      (message) => message.to.includes(email) && /may arrive later than promised/.test(message.subject),
    );
  };

  let lateOrderId = '';

  test('the delay scan puts the promise at risk: one warning with the predicted window, and the status page shows it', async () => {
    const email = 'late.parcel@example.com';
    const { orderId, trackingNumber } = await shippedOrder(
      'RISK-1',
      email,
      promisedDeliveryDate,
      'delay_revised_edd',
    );
    lateOrderId = orderId;
    for (let step = 0; step < 3; step++) await stack.carriers.advance(trackingNumber);
    const beforeDelay = await eventually(async () => {
      const view = await queryOrderView(stack.env.client, orderId);
      return view.status === 'in_transit' && view.deliveryForecast?.reason === 'carrier_estimate'
        ? view
        : undefined;
    });
    assert.ok(
      !beforeDelay.atRisk,
      `not at risk before the delay: ${beforeDelay.deliveryForecast!.lateProbability}`,
    );
    assert.equal((await api<RecoveryOptions>('GET', recoveryPath(orderId))).body.atRisk, false);

    const delay = await stack.carriers.advance(trackingNumber);
    assert.equal(delay.kind, 'delay');
    const atRisk = await eventually(async () => {
      const view = await queryOrderView(stack.env.client, orderId);
      return view.atRisk ? view : undefined;
    }, 20_000);
    const timeline = await queryOrderTimeline(stack.env.client, orderId);
    const warning = timeline.find((entry) => entry.eventType === 'delivery_at_risk')!;
    const window = warning.details.window as { earliest: string; latest: string };
    assert.deepEqual(window, atRisk.deliveryForecast!.window, 'the window the model predicted at the delay');
    assert.ok(atRisk.deliveryForecast!.lateProbability >= AT_RISK_THRESHOLD);

    const [message] = await eventually(async () => {
      const emails = await atRiskEmails(email);
      return emails.length > 0 ? emails : undefined;
    }, 30_000);
    assert.ok(message!.receivedAt.slice(0, 10) <= promisedDeliveryDate, 'warned before the promised date');
    assert.match(message!.text ?? '', new RegExp(`by ${shortDay(promisedDeliveryDate)} as promised`));
    assert.match(
      message!.text ?? '',
      new RegExp(`between ${shortDay(window.earliest)} and ${shortDay(window.latest)}`),
    );

    const page = await eventually(async () => {
      const { body } = await api<CustomerOrderView>(
        'GET',
        `/track/${encodeURIComponent(orderId)}/status.json?t=${issueOrderLink(orderId)}`,
      );
      return body.atRisk ? body : undefined;
    });
    assert.equal(page.promisedDelivery, promisedDeliveryDate);
    assert.deepEqual(page.deliveryWindow, {
      from: atRisk.deliveryForecast!.window.earliest,
      to: atRisk.deliveryForecast!.window.latest,
    });
    const { rows } = await stack.database.db.query<Record<string, unknown>>(
      `SELECT to_char(predicted_from, 'YYYY-MM-DD') AS "from", to_char(predicted_to, 'YYYY-MM-DD') AS "to",
         late_probability AS "lateProbability", at_risk AS "atRisk", promise_source AS "promiseSource"
       FROM orders WHERE order_id = $1`,
      [orderId],
    );
    assert.deepEqual(rows[0], {
      from: window.earliest,
      to: window.latest,
      lateProbability: atRisk.deliveryForecast!.lateProbability,
      atRisk: true,
      promiseSource: 'channel',
    });
  });

  test('ops see the recovery actions with their predicted effect and apply an upgrade; bad requests get problems', async () => {
    assert.ok(lateOrderId, 'the late order of the previous test');
    const listed = await api<RecoveryOptions>('GET', recoveryPath(lateOrderId));
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    const options = listed.body;
    assert.equal(options.atRisk, true);
    assert.equal(options.promisedDelivery, promisedDeliveryDate);
    assert.deepEqual(
      options.actions.map((action) => `${action.action} ${action.service ?? ''}`.trim()).sort(),
      ['notify_only', 'reship UPS Next Day Air', 'upgrade_service UPS Next Day Air'],
    );
    const probabilities = options.actions.map((action) => action.predicted.lateProbability);
    assert.deepEqual(
      probabilities,
      [...probabilities].sort((a, b) => a - b),
      'best first',
    );
    const notifyOnly = options.actions.find((action) => action.action === 'notify_only')!;
    assert.equal(notifyOnly.predicted.lateProbability, options.forecast.lateProbability);
    const upgrade = options.actions.find((action) => action.action === 'upgrade_service')!;
    assert.ok(upgrade.lateProbabilityReduction > 0);

    const invalid = await api('POST', recoveryPath(lateOrderId), { eventId: 'r-0', action: 'teleport' });
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.code, 'validation_failed');
    assert.match(JSON.stringify(invalid.body.errors), /action/);
    const wrongService = await api('POST', recoveryPath(lateOrderId), {
      eventId: 'r-0',
      action: 'upgrade_service',
      service: 'UPS Ground',
    });
    assert.equal(wrongService.status, 409);
    assert.equal(wrongService.body.code, 'recovery_not_recommended');
    const unknown = await api('GET', recoveryPath('web:acme:NO-SUCH-ORDER'));
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 'order_not_found');
    const unknownPost = await api('POST', recoveryPath('web:acme:NO-SUCH-ORDER'), {
      eventId: 'r-0',
      action: 'notify_only',
    });
    assert.equal(unknownPost.status, 404);

    const applied = await api<{ outcome: string; applied: { action: string; service: string } }>(
      'POST',
      recoveryPath(lateOrderId),
      { eventId: 'recovery-1', action: 'upgrade_service', actor: 'ops:dana' },
    );
    assert.equal(applied.status, 200, JSON.stringify(applied.body));
    assert.equal(applied.body.outcome, 'applied');
    assert.deepEqual(applied.body.applied, upgrade);
    const again = await api<{ outcome: string }>('POST', recoveryPath(lateOrderId), {
      eventId: 'recovery-1',
      action: 'upgrade_service',
      actor: 'ops:dana',
    });
    assert.equal(again.body.outcome, 'duplicate');
    const recorded = (await queryOrderTimeline(stack.env.client, lateOrderId)).filter(
      (entry) => entry.eventType === 'recovery_applied',
    );
    assert.equal(recorded.length, 1);
    assert.deepEqual(recorded[0]!.details.predicted, upgrade.predicted);
    // Recorded with the authenticated operator (the stack's admin token), not the body's actor.
    assert.equal(recorded[0]!.details.actor, 'bootstrap');

    const calm = await shippedOrder('CALM-1', 'calm@example.com', addDays(today, 30), 'normal_delivery');
    await eventually(async () =>
      (await queryOrderView(stack.env.client, calm.orderId)).deliveryForecast ? true : undefined,
    );
    const refused = await api('POST', recoveryPath(calm.orderId), { eventId: 'r-1', action: 'notify_only' });
    assert.equal(refused.status, 409, JSON.stringify(refused.body));
    assert.equal(refused.body.code, 'RecoveryNotAllowed');
    assert.match(String(refused.body.detail), /not at risk/);
    const unshipped = await api('POST', '/orders', sampleOrder({ externalId: 'RISK-UNSHIPPED' }));
    const unshippedId = unshipped.body.orderId as string;
    await eventually(async () =>
      (await api('GET', orderPath(unshippedId))).body.version ? true : undefined,
    );
    const noForecast = await api('GET', recoveryPath(unshippedId));
    assert.equal(noForecast.status, 409);
    assert.equal(noForecast.body.code, 'no_delivery_forecast');
  });

  test('the rest of the journey sends no second warning, and the read model matches every workflow', async () => {
    const view = await queryOrderView(stack.env.client, lateOrderId);
    await stack.carriers.runToEnd(view.shipment!.trackingNumber!);
    await eventually(async () =>
      (await queryOrderView(stack.env.client, lateOrderId)).status === 'delivered' ? true : undefined,
    );
    await eventually(async () => {
      const { body } = await request<{ received: ReceivedEmail[] }>(
        stack.providers!.urls.sendgrid!,
        'GET',
        '/_sim/received',
      );
      return body.received.some((message) => /was delivered/.test(message.subject)) ? true : undefined;
    }, 30_000);
    assert.equal((await atRiskEmails('late.parcel@example.com')).length, 1, 'warned exactly once');
    const report = await checkSync(stack.database.db, stack.env.client);
    assert.deepEqual(report.mismatches, []);
  });
});
