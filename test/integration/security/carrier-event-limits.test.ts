import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../../src/api/app';
import { signFedexBody } from '../../../src/carriers/webhooks/fedex-webhook';
import { createLogger } from '../../../src/logger';
import { fedexTrackResult } from '../../../src/simulators/carriers/fedex-format';
import type { MilestoneKind } from '../../../src/simulators/carriers/milestones';
import type { EmittedEvent, SimulatedShipment } from '../../../src/simulators/carriers/shipment';
import { orderViewQuery, orderWorkflowId, timelineQuery } from '../../../src/workflows/order/contract';
import { eventually, orderPath, request } from '../../support/http';
import { startOrderStack, type OrderStack } from '../../support/order-stack';
import { TEST_OPS_TOKEN } from '../../support/ops-credentials';
import { sampleOrder } from '../../support/orders';

const PER_MINUTE = 5;
const FEDEX_TOKEN = 'carrier-event-limits-fedex-token';

/**
 * Carrier pushes through the real API into real order workflows, with a tight per-order rate of new
 * carrier events (5 a minute) on a second API app beside the test stack's.
 */
describe('per-order rate of carrier events: a storm for one order is held back, nothing else is', () => {
  let stack: OrderStack;
  let limited: { server: Server; url: string };

  before(async () => {
    stack = await startOrderStack();
    await stack.database.db.query(
      "INSERT INTO inventory (sku, on_hand) VALUES ('SKU-MUG', 100) ON CONFLICT (sku) DO UPDATE SET on_hand = 100",
    );
    const app = createApp({
      db: stack.database.db,
      client: stack.env.client,
      logger: createLogger('silent'),
      carrierWebhookSecrets: { fedex: { securityToken: FEDEX_TOKEN } },
      carrierEventsPerOrderPerMinute: PER_MINUTE,
      operatorAuth: { bootstrapToken: TEST_OPS_TOKEN },
    });
    const server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    limited = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  });
  after(async () => {
    limited?.server.closeAllConnections();
    await new Promise((resolve) => limited?.server.close(resolve));
    await stack?.stop();
  });

  async function shippedOrder(externalId: string): Promise<{ orderId: string; trackingNumber: string }> {
    const api = (method: string, path: string, body?: unknown) => request(stack.baseUrl, method, path, body);
    const created = await api('POST', '/orders', sampleOrder({ externalId }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const orderId = created.body.orderId as string;
    await eventually(async () =>
      (await stack.env.client.workflow.getHandle(orderWorkflowId(orderId)).query(orderViewQuery)).status ===
      'reserved'
        ? true
        : undefined,
    );
    for (const type of ['picked', 'packed'] as const) {
      assert.equal((await api('POST', `${orderPath(orderId)}/events`, { eventId: type, type })).status, 200);
    }
    const shipped = await api('POST', `${orderPath(orderId)}/events`, {
      eventId: 'shipped',
      type: 'shipped',
      carrier: 'fedex',
      service: 'FEDEX_GROUND',
    });
    assert.equal(shipped.status, 200, JSON.stringify(shipped.body));
    const order = shipped.body.order as { shipment: { trackingNumber: string } };
    return { orderId, trackingNumber: order.shipment.trackingNumber };
  }

  const base = Date.now() - 3_600_000;
  const scan = (minute: number, kind: MilestoneKind = 'in_transit'): EmittedEvent => ({
    kind,
    occurredAt: base + minute * 60_000,
    city: 'Memphis',
    state: 'TN',
    estimatedDelivery: '2026-12-10',
  });

  /** A FedEx push listing the scans, signed; answered by the limited app. */
  async function push(trackingNumber: string, scans: EmittedEvent[]) {
    const shipment = { carrier: 'fedex', trackingNumber, service: 'FEDEX_GROUND', events: scans };
    const raw = JSON.stringify({
      trackingNumber,
      trackResults: [fedexTrackResult(shipment as unknown as SimulatedShipment, scans)],
    });
    const response = await fetch(`${limited.url}/webhooks/fedex`, {
      method: 'POST',
      body: raw,
      headers: { 'content-type': 'application/json', 'fdx-signature': signFedexBody(raw, FEDEX_TOKEN) },
    });
    const body = (await response.json()) as Record<string, unknown>;
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
  }

  async function carrierEntries(orderId: string, count: number): Promise<number> {
    const handle = stack.env.client.workflow.getHandle(orderWorkflowId(orderId));
    return eventually(async () => {
      const timeline = (await handle.query(timelineQuery)) as Array<{ eventType: string }>;
      const carrier = timeline.filter((entry) => entry.eventType === 'carrier_update').length;
      return carrier === count ? carrier : undefined;
    });
  }

  test('a storm of distinct scans for one order: the oldest 5 are taken, the push is answered 429 and its redelivery later takes more, never twice', async () => {
    const stormed = await shippedOrder('STORM-1');
    const storm = Array.from({ length: 12 }, (_, minute) => scan(minute));
    const first = await push(stormed.trackingNumber, storm);
    assert.equal(first.status, 429, JSON.stringify(first.body));
    assert.equal(first.body.code, 'carrier_events_rate_limited');
    assert.ok(Number(first.retryAfter) >= 1, `Retry-After ${first.retryAfter}`);
    await carrierEntries(stormed.orderId, PER_MINUTE);
    const again = await push(stormed.trackingNumber, storm);
    const answeredAt = Date.now();
    assert.equal(again.status, 429, 'still over the rate right away');

    const other = await shippedOrder('CALM-1');
    const calm = await push(other.trackingNumber, [scan(0), scan(1), scan(2)]);
    assert.equal(calm.status, 202, JSON.stringify(calm.body));
    await carrierEntries(other.orderId, 3);

    const refilled = answeredAt + Number(again.retryAfter) * 1000 + 200;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, refilled - Date.now())));
    const redelivered = await push(stormed.trackingNumber, storm);
    assert.equal(redelivered.status, 429, 'one more scan fits after Retry-After, not all seven');
    await carrierEntries(stormed.orderId, PER_MINUTE + 1);
  });

  test('a normal lifecycle (5 scans), its whole history pushed again each time, is never held back', async () => {
    const order = await shippedOrder('LIFECYCLE-1');
    const journey: MilestoneKind[] = [
      'label_created',
      'picked_up',
      'in_transit',
      'out_for_delivery',
      'delivered',
    ];
    const history: EmittedEvent[] = [];
    for (const [minute, kind] of journey.entries()) {
      history.push(scan(minute, kind));
      const answer = await push(order.trackingNumber, [...history].reverse());
      assert.equal(answer.status, 202, `${kind}: ${JSON.stringify(answer.body)}`);
    }
    const handle = stack.env.client.workflow.getHandle(orderWorkflowId(order.orderId));
    await eventually(async () =>
      (await handle.query(orderViewQuery)).status === 'delivered' ? true : undefined,
    );
  });
});
