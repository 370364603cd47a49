import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { holdUpdate, orderWorkflowId } from '../../src/workflows/order/contract';
import { startOrderStack, type OrderStack } from '../support/order-stack';
import { eventually, orderPath, request } from '../support/http';
import { sampleOrder } from '../support/orders';

interface Email {
  to: string[];
  subject: string;
  text?: string;
  html?: string;
}

describe('a read-model write PostgreSQL refuses for its data never freezes the order', () => {
  let stack: OrderStack;
  before(async () => {
    stack = await startOrderStack({ notifications: true });
  });
  after(async () => {
    await stack?.stop();
  });
  const api = (method: string, path: string, body?: unknown) => request(stack.baseUrl, method, path, body);

  test('a hold whose note PostgreSQL refuses is reported to ops; the cancel after it reaches the read model and the customer', async () => {
    const email = 'refused-projection@example.com';
    await api('PUT', '/inventory/SKU-MUG', { onHand: 5 });
    const created = await api(
      'POST',
      '/orders',
      sampleOrder({ externalId: 'NUL-1', customer: { ...sampleOrder().customer, id: 'c-nul', email } }),
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const orderId = created.body.orderId as string;
    await eventually(async () =>
      (await api('GET', orderPath(orderId))).body.status === 'reserved' ? true : undefined,
    );

    // The door refuses this text now; a caller reaching the workflow directly still can send it.
    const handle = stack.env.client.workflow.getHandle(orderWorkflowId(orderId));
    const held = await handle.executeUpdate(holdUpdate, {
      args: [{ eventId: 'hold-nul', reasonCode: 'other', note: 'check\u0000 this' }],
    });
    assert.equal(held.order.status, 'on_hold');

    const failures = await eventually(async () => {
      const listed = await api('GET', `/ops/projection-failures?orderId=${encodeURIComponent(orderId)}`);
      const rows = listed.body.failures as { version: number; sqlstate: string }[];
      return rows.length > 0 ? rows : undefined;
    }, 30_000);
    assert.equal(failures[0]?.version, held.order.version);
    assert.match(failures[0]?.sqlstate ?? '', /^2[23]/);

    const cancelled = await api('POST', `${orderPath(orderId)}/cancel`, { reasonCode: 'payment_issue' });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    const record = await eventually(async () => {
      const read = await api('GET', orderPath(orderId));
      return read.body.status === 'cancelled' ? read.body : undefined;
    }, 30_000);
    assert.equal(record.version, (cancelled.body.order as { version: number }).version);

    const notice = await eventually(async () => {
      const received = (
        await request<{ received: Email[] }>(stack.providers!.urls.sendgrid ?? '', 'GET', '/_sim/received')
      ).body.received;
      return received.find((message) => message.to.includes(email) && /cancel/i.test(message.subject));
    }, 30_000);
    assert.match(notice.text ?? '', /We could not take the payment for it\./);
  });
});
