import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { WorkflowNotFoundError } from '@temporalio/client';
import { notificationWorkflowId } from '../../../src/notifications/contract';
import { claimNotices, enqueueNotices } from '../../../src/notifications/outbox/store';
import { claimDelivery } from '../../../src/notifications/sending/records';
import { customerRequest, putPreferences, startHarness, waitFor, type Harness } from './harness';

let h: Harness;

before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.stop();
});

const emailsFor = (email: string) => h.sendgrid.received().filter((m) => m.to.includes(email));

async function outboxRows(orderId: string): Promise<number> {
  const { rows } = await h.database.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM notice_outbox WHERE order_id = $1',
    [orderId],
  );
  return rows[0]!.n;
}

describe('the notice outbox the order projection fills and the notification worker drains', () => {
  test('a notice put in twice (a retried projection) is sent once and leaves the outbox', async () => {
    const customerId = 'cust-outbox';
    await putPreferences(h.apiUrl, customerId, { channels: ['email', 'in_app'], quietHours: null });
    const request = customerRequest(customerId, 'order_confirmed');
    await enqueueNotices(h.database.db, [request]);
    await enqueueNotices(h.database.db, [request]);
    await waitFor(
      'the outbox to be drained',
      async () => (await outboxRows(request.orderId)) === 0 || undefined,
    );
    assert.equal(emailsFor(request.customer.email!).length, 1);
  });

  test('a notice a dead worker had taken is taken again when its lease runs out, and sent once', async () => {
    const customerId = 'cust-outbox-lease';
    await putPreferences(h.apiUrl, customerId, { channels: ['email', 'in_app'], quietHours: null });
    const request = customerRequest(customerId, 'cancelled');
    await enqueueNotices(h.database.db, [request]);
    // Another worker takes it and dies before sending: nothing goes out while its lease holds.
    const taken = await claimNotices(h.database.db, 100, 1500);
    if (taken.some((notice) => notice.request.eventId === request.eventId)) {
      assert.equal(emailsFor(request.customer.email!).length, 0);
    }
    await waitFor(
      'the outbox to be drained',
      async () => (await outboxRows(request.orderId)) === 0 || undefined,
    );
    assert.equal(emailsFor(request.customer.email!).length, 1);
  });

  test('a notice whose email the provider refuses once is sent again within seconds, without a workflow', async () => {
    const customerId = 'cust-outbox-retry';
    await putPreferences(h.apiUrl, customerId, { channels: ['email', 'in_app'], quietHours: null });
    const request = customerRequest(customerId, 'shipped');
    h.sendgrid.setFailureMode({ rate: 1, faults: ['503'] });
    try {
      await enqueueNotices(h.database.db, [request]);
      await waitFor('the first send to fail', async () => {
        const { rows } = await h.database.db.query<{ status: string }>(
          `SELECT status FROM notification_deliveries WHERE order_id = $1 AND event_id = $2 AND channel = 'email'`,
          [request.orderId, request.eventId],
        );
        return rows[0]?.status === 'attempt_failed' || undefined;
      });
    } finally {
      h.sendgrid.setFailureMode({ rate: 0 });
    }
    const sentAfter = Date.now();
    await waitFor('the email', () => emailsFor(request.customer.email!).length > 0 || undefined, 10_000);
    assert.ok(Date.now() - sentAfter < 5_000, 'sent again within seconds');
    await waitFor(
      'the outbox to be drained',
      async () => (await outboxRows(request.orderId)) === 0 || undefined,
    );
    assert.equal(emailsFor(request.customer.email!).length, 1);
    const workflow = h.env.client.workflow.getHandle(
      notificationWorkflowId(request.orderId, request.eventId),
    );
    await assert.rejects(workflow.describe(), WorkflowNotFoundError);
  });

  test('an in-app message whose claim a dead attempt still holds is recorded as sent, not left claimed', async () => {
    const customerId = 'cust-outbox-inapp';
    await putPreferences(h.apiUrl, customerId, { channels: ['email', 'in_app'], quietHours: null });
    const request = customerRequest(customerId, 'out_for_delivery');
    // An attempt claimed the in-app delivery and died: its lease still holds when the notice comes.
    await claimDelivery(h.database.db, {
      request,
      channel: 'in_app',
      recipient: customerId,
      leaseMs: 60_000,
    });
    await enqueueNotices(h.database.db, [request]);
    await waitFor(
      'the outbox to be drained',
      async () => (await outboxRows(request.orderId)) === 0 || undefined,
    );
    const { rows } = await h.database.db.query<{ status: string }>(
      `SELECT status FROM notification_deliveries WHERE order_id = $1 AND event_id = $2 AND channel = 'in_app'`,
      [request.orderId, request.eventId],
    );
    assert.equal(rows[0]?.status, 'sent');
  });
});
