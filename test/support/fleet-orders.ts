import assert from 'node:assert/strict';
import { newShipment } from '../../src/simulators/carriers/shipment';
import type { MilestoneKind } from '../../src/simulators/carriers/milestones';
import { nextSignedPush } from '../../bench/carrier-webhooks/signed-push';
import { orderPath } from './http';
import { sampleOrder } from './orders';
import { TEST_WEBHOOK_SECRETS } from './order-stack';
import { callWithFailover } from './process-fleet';

const json = { 'content-type': 'application/json' };
const JOURNEY: MilestoneKind[] = ['picked_up', 'in_transit', 'out_for_delivery', 'delivered'];

export interface FleetOrder {
  orderId: string;
  email: string;
  /** The API that answered each call, in order: both should appear. */
  answeredBy: string[];
}

/** `apis()` is read on every call: the list of API URLs, dead ones included (the caller fails over). */
type Apis = () => string[];

async function awaitStatus(apis: Apis, orderId: string, status: string, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await callWithFailover(apis(), 0, orderPath(orderId), { method: 'GET' });
    if (body.status === status) return body;
    if (Date.now() > deadline) throw new Error(`${orderId} is ${String(body.status)}, not ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Places order `i` on API i % 2; each later call goes to the other API than the one before. */
async function placeOrder(apis: Apis, prefix: string, i: number): Promise<FleetOrder> {
  const email = `${prefix.toLowerCase()}-${i}@example.com`;
  const customer = { id: `${prefix}-c${i}`, name: `Customer ${i}`, email, locale: 'en', timeZone: 'UTC' };
  const submission = sampleOrder({ externalId: `${prefix}-${i}`, customer });
  const created = await callWithFailover(apis(), i, '/orders', {
    method: 'POST',
    headers: json,
    body: JSON.stringify(submission),
  });
  assert.ok([200, 201].includes(created.status), JSON.stringify(created.body));
  return { orderId: created.body.orderId as string, email, answeredBy: [created.url] };
}

async function shipThroughWarehouse(apis: Apis, order: FleetOrder, i: number): Promise<string> {
  await awaitStatus(apis, order.orderId, 'reserved');
  const events = [
    { eventId: 'picked-1', type: 'picked' },
    { eventId: 'packed-1', type: 'packed' },
    { eventId: 'shipped-1', type: 'shipped', carrier: 'fedex', service: 'ground' },
  ];
  for (const [step, event] of events.entries()) {
    const answer = await callWithFailover(apis(), i + step + 1, `${orderPath(order.orderId)}/events`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify(event),
    });
    assert.equal(answer.status, 200, `${order.orderId} ${event.type}: ${JSON.stringify(answer.body)}`);
    order.answeredBy.push(answer.url);
  }
  const shipped = await awaitStatus(apis, order.orderId, 'shipped');
  const [shipment] = shipped.shipments as { trackingNumber: string }[];
  assert.ok(shipment, `${order.orderId} has its shipment in the read model`);
  return shipment.trackingNumber;
}

/** The carrier's scans, each a signed FedEx push to the API after the one before. */
async function deliverByWebhooks(apis: Apis, order: FleetOrder, trackingNumber: string, i: number) {
  const shipment = newShipment({
    carrier: 'fedex',
    trackingNumber,
    service: 'ground',
    scenario: 'normal_delivery',
    channels: ['fedex'],
    now: Date.now(),
  });
  for (const [step, kind] of JOURNEY.entries()) {
    const at = Date.now() + (step + 1) * 1000;
    const push = nextSignedPush(shipment, 'fedex', kind, at, TEST_WEBHOOK_SECRETS, '');
    const answer = await callWithFailover(apis(), i + step, push.path, {
      method: 'POST',
      headers: push.headers,
      body: push.raw,
    });
    assert.equal(answer.status, 202, `${order.orderId} ${kind}: ${JSON.stringify(answer.body)}`);
    order.answeredBy.push(answer.url);
  }
  await awaitStatus(apis, order.orderId, 'delivered');
}

/** One order from placement to delivered; `onShipped` runs once it has shipped. */
export async function runOrder(
  apis: Apis,
  prefix: string,
  i: number,
  onShipped: () => Promise<void>,
): Promise<FleetOrder> {
  const order = await placeOrder(apis, prefix, i);
  const trackingNumber = await shipThroughWarehouse(apis, order, i);
  await onShipped();
  await deliverByWebhooks(apis, order, trackingNumber, i);
  return order;
}
