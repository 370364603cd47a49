import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidTrackingNumber } from '../../src/domain/tracking-numbers';
import type { CarrierTrackingEvent } from '../../src/domain/tracking-status';
import {
  carrierUpdateSignal,
  orderViewQuery,
  timelineQuery,
  orderWorkflowId,
} from '../../src/workflows/order/contract';
import { customerSearchIdCommand } from '../../src/security/tokens-command';
import { startOrderStack, type OrderStack } from '../support/order-stack';
import { eventually, orderPath, request } from '../support/http';
import { sampleOrder } from '../support/orders';

type OrderBody = {
  status: string;
  version: number;
  timeline: { seq: number; eventType: string; to: string }[];
  shipments: { trackingNumber: string; carrier: string; status: string }[];
};

describe('order lifecycle over HTTP, on a real dev server and PostgreSQL', () => {
  let stack: OrderStack;
  before(async () => {
    stack = await startOrderStack();
  });
  after(async () => {
    await stack?.stop();
  });

  const api = (method: string, path: string, body?: unknown) => request(stack.baseUrl, method, path, body);
  const statusOf = (orderId: string, status: string) =>
    eventually(async () => {
      const response = await api('GET', orderPath(orderId));
      return (response.body as OrderBody).status === status ? (response.body as OrderBody) : undefined;
    });

  test('happy path: received → reserved → picked → packed → shipped → in transit → delivered', async () => {
    await api('PUT', '/inventory/SKU-MUG', { onHand: 10 });
    const created = await api('POST', '/orders', sampleOrder({ externalId: 'HAPPY-1' }));
    assert.equal(created.status, 201);
    assert.equal(created.body.outcome, 'created');
    const orderId = created.body.orderId as string;
    assert.equal(orderId, 'web:acme:HAPPY-1');

    await statusOf(orderId, 'reserved');
    assert.deepEqual((await api('GET', '/inventory/SKU-MUG')).body, {
      sku: 'SKU-MUG',
      onHand: 10,
      reserved: 2,
      available: 8,
    });

    const picked = await api('POST', `${orderPath(orderId)}/events`, { eventId: 'wh-1', type: 'picked' });
    assert.equal(picked.status, 200);
    assert.equal((picked.body.order as { status: string }).status, 'processing');
    await api('POST', `${orderPath(orderId)}/events`, { eventId: 'wh-2', type: 'packed' });
    const shipped = await api('POST', `${orderPath(orderId)}/events`, {
      eventId: 'wh-3',
      type: 'shipped',
      carrier: 'ups',
      service: 'express',
    });
    assert.equal(shipped.status, 200);
    const shipment = (shipped.body.order as { shipment: { trackingNumber: string } }).shipment;
    assert.ok(isValidTrackingNumber('ups', shipment.trackingNumber), shipment.trackingNumber);

    const handle = stack.env.client.workflow.getHandle(orderWorkflowId(orderId));
    const scan = (
      eventId: string,
      status: CarrierTrackingEvent['status'],
      occurredAt: string,
    ): CarrierTrackingEvent => ({
      eventId,
      carrier: 'ups',
      trackingNumber: shipment.trackingNumber,
      status,
      occurredAt,
      rawCode: status === 'delivered' ? 'D' : 'I',
      rawDescription: status,
      via: 'ups',
    });
    await handle.signal(
      carrierUpdateSignal,
      scan('ups-1', 'in_transit', new Date(Date.now() + 1000).toISOString()),
    );
    await statusOf(orderId, 'in_transit');
    await handle.signal(
      carrierUpdateSignal,
      scan('ups-2', 'delivered', new Date(Date.now() + 2000).toISOString()),
    );
    const delivered = await statusOf(orderId, 'delivered');

    assert.deepEqual(
      delivered.timeline.map((entry) => entry.to),
      ['reserved', 'processing', 'packed', 'shipped', 'shipped', 'in_transit', 'delivered'],
    );
    assert.equal(delivered.shipments[0]?.trackingNumber, shipment.trackingNumber);
    assert.equal(delivered.shipments[0]?.status, 'delivered');
    // Stock left the warehouse with the parcel.
    assert.deepEqual((await api('GET', '/inventory/SKU-MUG')).body, {
      sku: 'SKU-MUG',
      onHand: 8,
      reserved: 0,
      available: 8,
    });

    // Ops find it in the Temporal UI by the search attributes the workflow keeps current; the
    // customer by the pseudonym the tokens command computes, never by the channel's customer ID.
    const [customerSearchId = ''] = customerSearchIdCommand(['web', 'acme', 'cust-42']).output.split('\n');
    assert.match(customerSearchId, /^cs_[A-Za-z0-9_-]{22}$/);
    const matching = async (query: string) => {
      const matches = [];
      for await (const execution of stack.env.client.workflow.list({ query }))
        matches.push(execution.workflowId);
      return matches;
    };
    const found = await eventually(async () => {
      const matches = await matching(
        `OrderStatus = 'delivered' AND TrackingNumber = '${shipment.trackingNumber}' AND Carrier = 'ups' AND OrderChannel = 'web' AND CustomerId = '${customerSearchId}'`,
      );
      return matches.length > 0 ? matches : undefined;
    });
    assert.deepEqual(found, [orderWorkflowId(orderId)]);
    assert.deepEqual(await matching(`CustomerId = 'cust-42'`), [], 'visibility holds no customer ID');

    const view = await handle.query(orderViewQuery);
    const timeline = await handle.query(timelineQuery);
    assert.equal(view.status, delivered.status);
    assert.equal(view.version, delivered.version);
    assert.equal(timeline.length, delivered.timeline.length);
  });

  test('the same order submitted twice, and concurrently, yields one workflow', async () => {
    const order = sampleOrder({ externalId: 'DUP-1' });
    const first = await api('POST', '/orders', order);
    const second = await api('POST', '/orders', order);
    assert.equal(first.status, 201);
    assert.equal(second.status, 200);
    assert.equal(second.body.outcome, 'duplicate');
    assert.equal(second.body.orderId, first.body.orderId);

    const racing = sampleOrder({ externalId: 'DUP-RACE' });
    const results = await Promise.all(Array.from({ length: 8 }, () => api('POST', '/orders', racing)));
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 200, 200, 200, 200, 200, 200, 201]);
    const executions = [];
    for await (const execution of stack.env.client.workflow.list({
      query: `WorkflowId = 'order:web:acme:DUP-RACE'`,
    })) {
      executions.push(execution);
    }
    assert.equal(executions.length, 1);
  });
});
