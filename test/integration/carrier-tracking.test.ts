import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createUnknownTrackingLog } from '../../src/carriers/unknown-tracking-log';
import { signAfterShipBody } from '../../src/carriers/webhooks/aftership-webhook';
import { signEasyPostBody } from '../../src/carriers/webhooks/easypost-webhook';
import { signFedexBody } from '../../src/carriers/webhooks/fedex-webhook';
import { issueUpsWebhookToken } from '../../src/carriers/webhooks/ups-webhook';
import { generateTrackingNumber } from '../../src/domain/tracking-numbers';
import type { Carrier } from '../../src/domain/tracking-status';
import { checkSync } from '../../src/orders/sync-check';
import {
  afterShipTrackingUpdate,
  easyPostTrackerUpdated,
} from '../../src/simulators/carriers/aggregator-format';
import { fedexTrackResult } from '../../src/simulators/carriers/fedex-format';
import type { ScenarioName } from '../../src/simulators/carriers/scenarios';
import type { SimulatedShipment, WebhookChannel } from '../../src/simulators/carriers/shipment';
import type { AdvanceResult } from '../../src/simulators/carriers/simulator-core';
import { upsTrackAlertBody } from '../../src/simulators/carriers/ups-format';
import { orderViewQuery, timelineQuery, orderWorkflowId } from '../../src/workflows/order/contract';
import { eventually, orderPath, request } from '../support/http';
import {
  startOrderStack,
  TEST_UPS_TRACK_ALERT_CREDENTIAL,
  TEST_WEBHOOK_SECRETS,
  type OrderStack,
} from '../support/order-stack';
import { sampleOrder } from '../support/orders';

/** The UPS shipper account the test stack's worker prints labels for. */
const UPS_SHIPPER_ID = '8V92A7';
const SKU = 'SKU-PARCEL';
const DAY = 86_400_000;

interface TimelineRow {
  seq: number;
  eventId: string;
  eventType: string;
  source: string;
  from: string;
  to: string;
  applied: boolean;
  note?: string | null;
  details: Record<string, unknown>;
  occurredAt: string;
  recordedAt: string;
}

interface OrderBody {
  status: string;
  delayed: boolean;
  version: number;
  estimatedDelivery: string | null;
  shipments: { trackingNumber: string; carrier: string; status: string; estimatedDelivery: string | null }[];
  timeline: TimelineRow[];
}

interface Tracking {
  eventId: string;
  status: string;
  via: string;
  rawCode: string;
  occurredAt: string;
}

const trackingOf = (entry: TimelineRow) => entry.details.tracking as Tracking;
const carrierEntries = (timeline: TimelineRow[]) => timeline.filter((e) => e.eventType === 'carrier_update');

/** One row of either timeline, in a form both sides can be compared on. */
function comparable(entry: TimelineRow) {
  return {
    seq: entry.seq,
    eventId: entry.eventId,
    eventType: entry.eventType,
    source: entry.source,
    from: entry.from,
    to: entry.to,
    applied: entry.applied,
    note: entry.note ?? null,
    details: entry.details,
    occurredAt: Date.parse(entry.occurredAt),
    recordedAt: Date.parse(entry.recordedAt),
  };
}

/** Helpers over whichever stack a suite runs on. */
function carrierHarness(current: () => OrderStack) {
  const api = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) =>
    request<T>(current().baseUrl, method, path, body);
  const handleOf = (orderId: string) => current().env.client.workflow.getHandle(orderWorkflowId(orderId));

  /** The number the worker will print on the next label: shipments are made one at a time here. */
  async function nextTrackingNumber(carrier: Carrier, service: string): Promise<string> {
    const { rows } = await current().database.db.query<{ last_value: string; is_called: boolean }>(
      'SELECT last_value, is_called FROM tracking_package_seq',
    );
    const row = rows[0]!;
    const next = Number(row.last_value) + (row.is_called ? 1 : 0);
    return generateTrackingNumber({ carrier, service, packageSequence: next, upsShipperId: UPS_SHIPPER_ID });
  }

  async function simulatedShipment(trackingNumber: string): Promise<SimulatedShipment> {
    const response = await fetch(`${current().carriers.url}/simulator/shipments/${trackingNumber}`);
    assert.equal(response.status, 200, `simulator knows ${trackingNumber}`);
    return (await response.json()) as SimulatedShipment;
  }

  /**
   * A reserved order shipped through the warehouse API, its carrier shipment set up in the simulator
   * with the scenario and webhook channels the test needs (before the workflow registers it, which then
   * finds it). For UPS Track Alert it waits for the workflow's subscription.
   */
  async function shippedOrder(input: {
    name: string;
    carrier: Carrier;
    scenario: ScenarioName;
    channels: WebhookChannel[];
  }): Promise<{ orderId: string; trackingNumber: string }> {
    const service = input.carrier === 'fedex' ? 'FEDEX_GROUND' : 'standard';
    const created = await api('POST', '/orders', {
      ...sampleOrder({
        externalId: input.name,
        lines: [{ sku: SKU, quantity: 1, unitPriceMinor: 1999 }],
      }),
      promisedDeliveryDate: new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const orderId = created.body.orderId as string;
    await eventually(async () =>
      (await api<OrderBody>('GET', orderPath(orderId))).body.status === 'reserved' ? true : undefined,
    );
    for (const type of ['picked', 'packed'] as const) {
      const response = await api('POST', `${orderPath(orderId)}/events`, { eventId: `${type}-1`, type });
      assert.equal(response.status, 200, JSON.stringify(response.body));
    }
    const trackingNumber = await nextTrackingNumber(input.carrier, service);
    current().carriers.createShipment({
      carrier: input.carrier,
      trackingNumber,
      service,
      scenario: input.scenario,
      channels: input.channels,
    });
    const shipped = await api<{ order: { shipment: { trackingNumber: string } } }>(
      'POST',
      `${orderPath(orderId)}/events`,
      { eventId: 'shipped-1', type: 'shipped', carrier: input.carrier, service },
    );
    assert.equal(shipped.status, 200, JSON.stringify(shipped.body));
    assert.equal(shipped.body.order.shipment.trackingNumber, trackingNumber);
    const shipment = await simulatedShipment(trackingNumber);
    assert.equal(shipment.scenario, input.scenario);
    assert.deepEqual(shipment.channels, input.channels);
    if (input.carrier === 'ups' && input.channels.includes('ups')) {
      await eventually(async () => ((await simulatedShipment(trackingNumber)).subscribed ? true : undefined));
    }
    return { orderId, trackingNumber };
  }

  /** Every webhook the simulator pushed for these steps was accepted. */
  function assertAccepted(steps: AdvanceResult[], channels: WebhookChannel[]): void {
    for (const step of steps) {
      assert.ok(step.deliveries.length >= channels.length, `${step.kind}: pushed to ${channels.join(', ')}`);
      for (const delivery of step.deliveries) {
        assert.equal(delivery.status, 202, `${step.kind} via ${delivery.channel}: ${delivery.error ?? ''}`);
      }
    }
  }

  /** The read model once it has caught up with the workflow at the given status. */
  async function settled(orderId: string, status: string): Promise<OrderBody> {
    return eventually(async () => {
      const [{ body }, view] = await Promise.all([
        api<OrderBody>('GET', orderPath(orderId)),
        handleOf(orderId).query(orderViewQuery),
      ]);
      return body.status === status && view.status === status && body.version === view.version
        ? body
        : undefined;
    }, 20_000);
  }

  /** The read model's timeline equals the workflow's own, and the ops sync check finds no drift. */
  async function assertInSync(orderId: string): Promise<void> {
    const handle = handleOf(orderId);
    const [{ body }, timeline, view] = await Promise.all([
      api<OrderBody>('GET', orderPath(orderId)),
      handle.query(timelineQuery),
      handle.query(orderViewQuery),
    ]);
    assert.deepEqual(body.timeline.map(comparable), (timeline as TimelineRow[]).map(comparable));
    assert.equal(body.status, view.status);
    assert.equal(body.version, view.version);
    assert.equal(body.delayed, view.delayed);
    assert.equal(body.estimatedDelivery ?? undefined, view.estimatedDelivery);
    const report = await checkSync(current().database.db, current().env.client);
    assert.deepEqual(report.mismatches, []);
  }

  function assertOneEntryPerEventId(timeline: TimelineRow[]): void {
    const ids = timeline.map((entry) => entry.eventId);
    assert.equal(new Set(ids).size, ids.length, `duplicate event IDs in ${ids.join(', ')}`);
  }

  return {
    api,
    handleOf,
    shippedOrder,
    simulatedShipment,
    assertAccepted,
    settled,
    assertInSync,
    assertOneEntryPerEventId,
  };
}

describe('carrier tracking end to end: simulator webhooks over HTTP → order workflow → read model', () => {
  let stack: OrderStack;
  before(async () => {
    stack = await startOrderStack();
    await request(stack.baseUrl, 'PUT', `/inventory/${SKU}`, { onHand: 1000 });
  });
  after(async () => {
    await stack?.stop();
  });
  const {
    api,
    handleOf,
    shippedOrder,
    simulatedShipment,
    assertAccepted,
    settled,
    assertInSync,
    assertOneEntryPerEventId,
  } = carrierHarness(() => stack);

  const channelCases: { channel: WebhookChannel; carrier: Carrier }[] = [
    { channel: 'fedex', carrier: 'fedex' },
    { channel: 'ups', carrier: 'ups' },
    { channel: 'easypost', carrier: 'ups' },
    { channel: 'aftership', carrier: 'fedex' },
  ];
  for (const { channel, carrier } of channelCases) {
    test(`${channel} webhooks alone take a shipped ${carrier} order to delivered`, async () => {
      const { orderId, trackingNumber } = await shippedOrder({
        name: `WEBHOOK-${channel}`,
        carrier,
        scenario: 'normal_delivery',
        channels: [channel],
      });
      const steps = await stack.carriers.runToEnd(trackingNumber);
      assert.equal(steps.length, 7);
      assertAccepted(steps, [channel]);

      const order = await settled(orderId, 'delivered');
      assert.equal(order.shipments[0]?.trackingNumber, trackingNumber);
      assert.equal(order.shipments[0]?.status, 'delivered');
      const scans = carrierEntries(order.timeline);
      // One timeline entry per scan the carrier made, each from this webhook and none from polling.
      assert.equal(scans.length, 7);
      assert.deepEqual([...new Set(scans.map((entry) => trackingOf(entry).via))], [channel]);
      assert.deepEqual(
        scans.filter((entry) => entry.applied && entry.from !== entry.to).map((entry) => entry.to),
        ['in_transit', 'out_for_delivery', 'delivered'],
      );
      assertOneEntryPerEventId(order.timeline);
      await assertInSync(orderId);
    });
  }

  test('duplicate pushes (the duplicates scenario, and one body posted 5 more times) apply once', async () => {
    const channels: WebhookChannel[] = ['fedex', 'aftership'];
    const { orderId, trackingNumber } = await shippedOrder({
      name: 'DUPLICATES',
      carrier: 'fedex',
      scenario: 'duplicates',
      channels,
    });
    const steps = await stack.carriers.runToEnd(trackingNumber);
    assertAccepted(steps, channels);
    // 3 copies of each of four steps and 5 of the delivery, on each channel.
    assert.equal(
      steps.reduce((n, step) => n + step.deliveries.length, 0),
      (3 * 4 + 5) * channels.length,
    );
    const order = await settled(orderId, 'delivered');
    // FedEx and AfterShip report the same five scans with the same IDs: one entry per scan.
    assert.equal(carrierEntries(order.timeline).length, 5);
    assertOneEntryPerEventId(order.timeline);

    // The delivery scan's push, re-posted by hand five times on the carrier's own webhook.
    const shipment = await simulatedShipment(trackingNumber);
    const delivered = shipment.events.find((event) => event.kind === 'delivered')!;
    const raw = JSON.stringify({ trackingNumber, trackResults: [fedexTrackResult(shipment, [delivered])] });
    const signature = signFedexBody(raw, TEST_WEBHOOK_SECRETS.fedex.securityToken);
    for (let copy = 0; copy < 5; copy++) {
      const accepted = await request(stack.baseUrl, 'POST', '/webhooks/fedex', raw, {
        'content-type': 'application/json',
        'fdx-signature': signature,
      });
      assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
    }
    // Signals are fire-and-forget: give them time to be handled before looking.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const view = await handleOf(orderId).query(orderViewQuery);
    assert.equal(view.version, order.version);
    const after = await settled(orderId, 'delivered');
    assert.equal(after.version, order.version);
    assert.equal(after.timeline.length, order.timeline.length);
    await assertInSync(orderId);
  });

  test('a late, older scan lands in the timeline in time order without moving the status back', async () => {
    const { orderId, trackingNumber } = await shippedOrder({
      name: 'OUT-OF-ORDER',
      carrier: 'ups',
      scenario: 'out_of_order',
      channels: ['ups'],
    });
    // The workflow subscribed through Track Alert v1: UPS pushes to the destination it named.
    const shipment = await simulatedShipment(trackingNumber);
    assert.deepEqual(shipment.trackAlertDestination, {
      url: `${stack.baseUrl}/webhooks/ups`,
      credentialType: 'Bearer',
      credential: TEST_UPS_TRACK_ALERT_CREDENTIAL,
    });
    const steps = await stack.carriers.runToEnd(trackingNumber);
    assertAccepted(steps, ['ups']);
    assert.deepEqual(
      steps.map((step) => step.kind),
      ['label_created', 'picked_up', 'delivered', 'out_for_delivery', 'arrived_at_facility'],
    );
    const order = await settled(orderId, 'delivered');
    const view = await handleOf(orderId).query(orderViewQuery);
    assert.equal(view.version, order.version);

    const scans = carrierEntries(order.timeline);
    assert.equal(scans.length, 5);
    const delivered = scans.find((entry) => trackingOf(entry).status === 'delivered')!;
    const lateKinds = ['out_for_delivery', 'in_transit'];
    const late = scans.filter((entry) => lateKinds.includes(trackingOf(entry).status));
    assert.equal(late.length, 2);
    for (const entry of late) {
      // Arrived after the delivery, recorded without effect, and listed before it by carrier time.
      assert.ok(entry.seq > delivered.seq);
      assert.equal(entry.applied, false);
      assert.equal(entry.from, 'delivered');
      assert.equal(entry.to, 'delivered');
      assert.ok(order.timeline.indexOf(entry) < order.timeline.indexOf(delivered));
    }
    const times = order.timeline.map((entry) => Date.parse(entry.occurredAt));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
    assert.equal(order.shipments[0]?.status, 'delivered');
    await assertInSync(orderId);
  });

  test('forged, tampered and missing signatures are 401 and signal nothing', async () => {
    const { orderId, trackingNumber } = await shippedOrder({
      name: 'FORGED',
      carrier: 'ups',
      scenario: 'normal_delivery',
      channels: [],
    });
    await stack.carriers.runToEnd(trackingNumber);
    const before = await settled(orderId, 'shipped');
    const shipment = await simulatedShipment(trackingNumber);
    const last = shipment.events[shipment.events.length - 1]!;
    assert.equal(last.kind, 'delivered');
    const now = Date.now();

    const fedexRaw = JSON.stringify({
      trackingNumber,
      trackResults: [fedexTrackResult({ ...shipment, carrier: 'fedex' }, [last])],
    });
    const upsRaw = JSON.stringify(upsTrackAlertBody(shipment, last));
    const easyPostRaw = JSON.stringify(easyPostTrackerUpdated(shipment, now, 'out_for_delivery'));
    const afterShipRaw = JSON.stringify(afterShipTrackingUpdate(shipment, now));
    const tampered = afterShipRaw.replace('"Delivered"', '"InTransit"');
    assert.notEqual(tampered, afterShipRaw);
    const json = { 'content-type': 'application/json' };
    const forgedUpsToken = issueUpsWebhookToken(
      { clientId: TEST_WEBHOOK_SECRETS.ups.clientId, clientSecret: 'not-the-secret' },
      now,
    ).access_token;
    const expiredUpsToken = issueUpsWebhookToken(TEST_WEBHOOK_SECRETS.ups, now - 2 * 3600_000).access_token;

    const attempts: { name: string; path: string; raw: string; headers: Record<string, string> }[] = [
      { name: 'fedex missing', path: '/webhooks/fedex', raw: fedexRaw, headers: json },
      {
        name: 'fedex forged',
        path: '/webhooks/fedex',
        raw: fedexRaw,
        headers: { ...json, 'fdx-signature': signFedexBody(fedexRaw, 'not-the-token') },
      },
      { name: 'ups missing', path: '/webhooks/ups', raw: upsRaw, headers: json },
      {
        name: 'ups wrong credential',
        path: '/webhooks/ups',
        raw: upsRaw,
        headers: { ...json, credential: 'not-the-subscription-credential' },
      },
      {
        name: 'ups forged token',
        path: '/webhooks/ups',
        raw: upsRaw,
        headers: {
          ...json,
          authorization: `Bearer ${forgedUpsToken}`,
          'x-api-key': TEST_WEBHOOK_SECRETS.ups.clientId,
        },
      },
      {
        name: 'ups expired token',
        path: '/webhooks/ups',
        raw: upsRaw,
        headers: {
          ...json,
          authorization: `Bearer ${expiredUpsToken}`,
          'x-api-key': TEST_WEBHOOK_SECRETS.ups.clientId,
        },
      },
      {
        name: 'easypost forged',
        path: '/webhooks/easypost',
        raw: easyPostRaw,
        headers: { ...json, 'x-hmac-signature': signEasyPostBody(easyPostRaw, 'not-the-secret') },
      },
      { name: 'easypost missing', path: '/webhooks/easypost', raw: easyPostRaw, headers: json },
      {
        name: 'aftership forged',
        path: '/webhooks/aftership',
        raw: afterShipRaw,
        headers: { ...json, 'aftership-hmac-sha256': signAfterShipBody(afterShipRaw, 'not-the-secret') },
      },
      {
        name: 'aftership tampered body',
        path: '/webhooks/aftership',
        raw: tampered,
        headers: {
          ...json,
          'aftership-hmac-sha256': signAfterShipBody(
            afterShipRaw,
            TEST_WEBHOOK_SECRETS.aftership.webhookSecret,
          ),
        },
      },
      { name: 'aftership missing', path: '/webhooks/aftership', raw: afterShipRaw, headers: json },
    ];
    for (const attempt of attempts) {
      const response = await request(stack.baseUrl, 'POST', attempt.path, attempt.raw, attempt.headers);
      assert.equal(response.status, 401, `${attempt.name}: ${JSON.stringify(response.body)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const history = await handleOf(orderId).fetchHistory();
    const signals = (history.events ?? []).filter((event) => event.workflowExecutionSignaledEventAttributes);
    assert.equal(signals.length, 0, 'no carrier update reached the workflow');
    const afterAttempts = await settled(orderId, 'shipped');
    assert.equal(afterAttempts.version, before.version);

    // The same UPS body pushed as Track Alert v1 does (the subscription credential, no bearer token)
    // is accepted and moves the order: the 401s were about the signatures, not the bodies.
    const accepted = await request(stack.baseUrl, 'POST', '/webhooks/ups', upsRaw, {
      ...json,
      'user-agent': 'UPSPubSubTrackingService',
      credential: TEST_UPS_TRACK_ALERT_CREDENTIAL,
    });
    assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
    await settled(orderId, 'delivered');
    await assertInSync(orderId);
  });

  test('a tracking number no order owns is recorded for ops and the webhook still answers 2xx', async () => {
    const trackingNumber = generateTrackingNumber({
      carrier: 'fedex',
      service: 'x',
      packageSequence: 99_000_123,
    });
    stack.carriers.createShipment({ carrier: 'fedex', trackingNumber, channels: ['fedex', 'aftership'] });
    const first = await stack.carriers.advance(trackingNumber);
    const second = await stack.carriers.advance(trackingNumber);
    assertAccepted([first, second], ['fedex', 'aftership']);
    const log = createUnknownTrackingLog(stack.database.db);
    const entry = (await log.list()).find((item) => item.trackingNumber === trackingNumber);
    assert.ok(entry, 'the unknown number is listed');
    assert.equal(entry.carrier, 'fedex');
    // FedEx pushes one scan each time, AfterShip the whole history: 1 + 1 + 1 + 2.
    assert.equal(entry.eventCount, 5);
    assert.equal(entry.lastEvent.status, 'picked_up');
    const owners = await stack.database.db.query('SELECT 1 FROM shipments WHERE tracking_number = $1', [
      trackingNumber,
    ]);
    assert.equal(owners.rows.length, 0);
    assert.deepEqual((await checkSync(stack.database.db, stack.env.client)).mismatches, []);
  });

  let returned: { orderId: string; trackingNumber: string } | undefined;
  test('three failed attempts then return to sender end the order in returned_to_sender', async () => {
    returned = await shippedOrder({
      name: 'RETURNED',
      carrier: 'ups',
      scenario: 'failed_attempts_return',
      channels: ['ups'],
    });
    const { orderId, trackingNumber } = returned;
    // Every step up to "returning to sender"; the scenario's last scan is kept for the next test.
    const steps: AdvanceResult[] = [];
    for (let i = 0; i < 10; i++) steps.push(await stack.carriers.advance(trackingNumber));
    assert.equal(steps[9]?.kind, 'returning_to_sender');
    assertAccepted(steps, ['ups']);
    const result = await handleOf(orderId).result();
    assert.equal(result.status, 'returned_to_sender');
    assert.equal(result.shipment?.deliveryAttempts, 3);
    const order = await settled(orderId, 'returned_to_sender');
    const moves = carrierEntries(order.timeline)
      .filter((entry) => entry.applied && entry.from !== entry.to)
      .map((entry) => entry.to);
    assert.deepEqual(moves, [
      'in_transit',
      'out_for_delivery',
      'delivery_attempted',
      'out_for_delivery',
      'delivery_attempted',
      'out_for_delivery',
      'delivery_attempted',
      'returned_to_sender',
    ]);
    assert.equal(order.shipments[0]?.status, 'returned_to_sender');
    await assertInSync(orderId);
  });

  test('a parcel returned to the sender after delivery starts the return path', async () => {
    const { orderId, trackingNumber } = await shippedOrder({
      name: 'RETURNED-AFTER-DELIVERY',
      carrier: 'fedex',
      scenario: 'returned_after_delivery',
      channels: ['fedex'],
    });
    const steps: AdvanceResult[] = [];
    for (let i = 0; i < 5; i++) steps.push(await stack.carriers.advance(trackingNumber));
    assert.equal(steps[4]?.kind, 'delivered');
    await settled(orderId, 'delivered');
    // The delivered order stays open for late scans: the return reaches it.
    for (let i = 0; i < 2; i++) steps.push(await stack.carriers.advance(trackingNumber));
    assertAccepted(steps, ['fedex']);
    const result = await handleOf(orderId).result();
    assert.equal(result.status, 'returned_to_sender');
    const order = await settled(orderId, 'returned_to_sender');
    const moves = carrierEntries(order.timeline)
      .filter((entry) => entry.applied && entry.from !== entry.to)
      .map((entry) => `${entry.from}→${entry.to}`);
    assert.deepEqual(moves.slice(-2), ['out_for_delivery→delivered', 'delivered→returned_to_sender']);
    assert.equal(order.shipments[0]?.status, 'returned_to_sender');
    await assertInSync(orderId);
  });

  test('a scan for an order whose workflow has ended is still answered 2xx', async () => {
    assert.ok(returned, 'runs after the returned-to-sender test');
    const { orderId, trackingNumber } = returned;
    const before = await settled(orderId, 'returned_to_sender');
    const last = await stack.carriers.advance(trackingNumber);
    assert.equal(last.kind, 'returned_to_sender');
    assert.ok(last.finished);
    // A carrier that gets 5xx delivers again and again: the scan must be acknowledged.
    assertAccepted([last], ['ups']);
    const after = await settled(orderId, 'returned_to_sender');
    assert.equal(after.version, before.version);
    await assertInSync(orderId);
  });

  test('a delay with a revised estimated delivery updates the order and flags it delayed', async () => {
    const { orderId, trackingNumber } = await shippedOrder({
      name: 'DELAYED',
      carrier: 'ups',
      scenario: 'delay_revised_edd',
      channels: ['ups'],
    });
    const initial = (await simulatedShipment(trackingNumber)).initialEstimatedDelivery;
    const early: AdvanceResult[] = [];
    for (let i = 0; i < 3; i++) early.push(await stack.carriers.advance(trackingNumber));
    assertAccepted(early, ['ups']);
    const onTime = await settled(orderId, 'in_transit');
    assert.equal(onTime.estimatedDelivery, initial);
    assert.equal(onTime.delayed, false);

    const delay = await stack.carriers.advance(trackingNumber);
    assert.equal(delay.kind, 'delay');
    assertAccepted([delay], ['ups']);
    const revised = new Date(Date.parse(`${initial}T00:00:00Z`) + 2 * DAY).toISOString().slice(0, 10);
    assert.equal(delay.estimatedDelivery, revised);
    const delayed = await eventually(async () => {
      const { body } = await api<OrderBody>('GET', orderPath(orderId));
      return body.delayed ? body : undefined;
    });
    assert.equal(delayed.status, 'in_transit');
    assert.equal(delayed.estimatedDelivery, revised);
    assert.equal(delayed.shipments[0]?.estimatedDelivery, revised);
    const view = await handleOf(orderId).query(orderViewQuery);
    assert.equal(view.delayed, true);
    assert.equal(view.estimatedDelivery, revised);
    await assertInSync(orderId);

    const rest = await stack.carriers.runToEnd(trackingNumber);
    assertAccepted(rest, ['ups']);
    const delivered = await settled(orderId, 'delivered');
    assert.equal(delivered.delayed, false);
    await assertInSync(orderId);
  });
});

/** Polling cadence scaled so the 12 h early-transit wait takes about 2 s and the last leg's 30 min 90 ms. */
const POLL_SCALE = 0.00005;

describe('carrier tracking end to end: polling the carriers’ tracking APIs when no push arrives', () => {
  let stack: OrderStack;
  before(async () => {
    stack = await startOrderStack({ workflowSettings: { trackingPollScale: POLL_SCALE } });
    await request(stack.baseUrl, 'PUT', `/inventory/${SKU}`, { onHand: 1000 });
  });
  after(async () => {
    await stack?.stop();
  });
  const { handleOf, shippedOrder, settled, assertInSync, assertOneEntryPerEventId } = carrierHarness(
    () => stack,
  );

  test('with no webhooks at all, polling FedEx and UPS takes both orders to delivered', async () => {
    const fedex = await shippedOrder({
      name: 'POLL-FEDEX',
      carrier: 'fedex',
      scenario: 'normal_delivery',
      channels: [],
    });
    const ups = await shippedOrder({
      name: 'POLL-UPS',
      carrier: 'ups',
      scenario: 'normal_delivery',
      channels: [],
    });
    const orders = [fedex, ups];
    // Label and pickup first: a poll moves each order to in transit, then the rest of the journey.
    for (const { trackingNumber } of orders) {
      for (let i = 0; i < 2; i++) {
        const step = await stack.carriers.advance(trackingNumber);
        assert.deepEqual(step.deliveries, []);
      }
    }
    await Promise.all(orders.map(({ orderId }) => settled(orderId, 'in_transit')));
    for (const { trackingNumber } of orders) {
      const steps = await stack.carriers.runToEnd(trackingNumber);
      assert.deepEqual(
        steps.flatMap((step) => step.deliveries),
        [],
      );
    }
    for (const { orderId } of orders) {
      const order = await settled(orderId, 'delivered');
      const scans = carrierEntries(order.timeline);
      assert.equal(scans.length, 7);
      assert.deepEqual([...new Set(scans.map((entry) => trackingOf(entry).via))], ['poll']);
      assert.equal(order.shipments[0]?.status, 'delivered');
      assertOneEntryPerEventId(order.timeline);
      await assertInSync(orderId);
    }
    const stats = stack.carriers.stats();
    assert.ok(stats.fedexTrackBatches.length >= 2, `FedEx track calls: ${stats.fedexTrackBatches.length}`);
    assert.ok(stats.upsTrackRequests >= 2, `UPS track calls: ${stats.upsTrackRequests}`);
  });

  test('429 bursts from the tracking API are retried after Retry-After and polling still converges', async () => {
    const { orderId, trackingNumber } = await shippedOrder({
      name: 'POLL-429',
      carrier: 'ups',
      scenario: 'rate_limited',
      channels: [],
    });
    const faultsBefore = stack.carriers.stats().faultsServed;
    // The scenario queues two 429s after the pickup; one more injected by hand.
    await stack.carriers.advance(trackingNumber);
    await stack.carriers.advance(trackingNumber);
    stack.carriers.injectFaults('ups', { status: 429, retryAfterSeconds: 1 }, 1);
    await settled(orderId, 'in_transit');
    assert.equal(stack.carriers.stats().faultsServed - faultsBefore, 3);

    // Five more 429s (three, then two at the delivery): more than one request's four attempts.
    await stack.carriers.runToEnd(trackingNumber);
    const order = await settled(orderId, 'delivered');
    assert.equal(stack.carriers.stats().faultsServed - faultsBefore, 8);
    const scans = carrierEntries(order.timeline);
    assert.equal(scans.length, 5);
    assert.deepEqual([...new Set(scans.map((entry) => trackingOf(entry).via))], ['poll']);
    await assertInSync(orderId);
  });

  test('scans that arrive by webhook and again by polling are applied once', async () => {
    const { orderId, trackingNumber } = await shippedOrder({
      name: 'PUSH-AND-POLL',
      carrier: 'ups',
      scenario: 'normal_delivery',
      channels: ['ups'],
    });
    for (let i = 0; i < 3; i++) await stack.carriers.advance(trackingNumber);
    await settled(orderId, 'in_transit');
    // Wait for a poll that reads the three scans the webhooks already delivered.
    const pollsBefore = stack.carriers.stats().upsTrackRequests;
    await eventually(async () => (stack.carriers.stats().upsTrackRequests > pollsBefore ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await stack.carriers.runToEnd(trackingNumber);
    const order = await settled(orderId, 'delivered');
    const scans = carrierEntries(order.timeline);
    assert.equal(scans.length, 7);
    assert.deepEqual([...new Set(scans.map((entry) => trackingOf(entry).via))], ['ups']);
    assertOneEntryPerEventId(order.timeline);
    const view = await handleOf(orderId).query(orderViewQuery);
    assert.equal(view.version, order.version);
    await assertInSync(orderId);
  });
});
