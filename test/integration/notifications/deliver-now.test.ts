import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { WorkflowNotFoundError } from '@temporalio/client';
import { createNotificationActivities } from '../../../src/notifications/activities';
import { notificationWorkflowId, type OrderNotificationRequest } from '../../../src/notifications/contract';
import {
  notificationProgressQuery,
  type NotificationProgress,
} from '../../../src/notifications/workflows/messages';
import { customerRequest, putPreferences, startHarness, waitFor, type Harness } from './harness';

let h: Harness;

before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.stop();
});

/** The activity the order workflow schedules on the notification queue, with the harness's client. */
const deliverOrderNotices = (notices: OrderNotificationRequest[]) =>
  createNotificationActivities({
    db: h.database.db,
    config: h.config,
    client: h.env.client,
  }).deliverOrderNotices(notices);

const noticeWorkflow = (request: OrderNotificationRequest) =>
  h.env.client.workflow.getHandle(notificationWorkflowId(request.orderId, request.eventId));
const emailsFor = (email: string) => h.sendgrid.received().filter((m) => m.to.includes(email));
const smsFor = (phone: string) => h.twilio.received().filter((m) => m.to === phone);

/** A time zone where it is about 3 in the morning now. */
function zoneAtNight(): string {
  let offset = (3 - new Date().getUTCHours() + 24) % 24;
  if (offset > 12) offset -= 24;
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

describe('notices sent at once by one activity on the notification queue', () => {
  test('every channel goes out without a workflow, and the activity run again sends nothing twice', async () => {
    const customerId = 'cust-now';
    await putPreferences(h.apiUrl, customerId, { channels: ['email', 'sms', 'in_app'], quietHours: null });
    const failed = customerRequest(customerId, 'delivery_failed');
    const confirmed = customerRequest(customerId, 'order_confirmed');
    assert.deepEqual(await deliverOrderNotices([failed, confirmed]), { delivered: 2, handedOver: 0 });
    assert.equal(emailsFor(failed.customer.email!).length, 2);
    assert.equal(smsFor(failed.customer.phone!).length, 1);
    await assert.rejects(noticeWorkflow(failed).describe(), WorkflowNotFoundError);

    assert.deepEqual(await deliverOrderNotices([failed, confirmed]), { delivered: 2, handedOver: 0 });
    assert.equal(emailsFor(failed.customer.email!).length, 2);
    assert.equal(smsFor(failed.customer.phone!).length, 1);
  });

  test('in quiet hours the notice becomes its own workflow, which holds the SMS and sends the email', async () => {
    const customerId = 'cust-now-night';
    await putPreferences(h.apiUrl, customerId, { channels: ['email', 'sms', 'in_app'] });
    const request = customerRequest(customerId, 'delivery_failed', { timeZone: zoneAtNight() });
    assert.deepEqual(await deliverOrderNotices([request]), { delivered: 0, handedOver: 1 });
    const progress = await waitFor('the email sent and the SMS waiting for the morning', async () => {
      const current = await noticeWorkflow(request).query(notificationProgressQuery);
      const waiting = current.channels.sms?.state === 'waiting_quiet_hours';
      return waiting && current.channels.email?.state === 'sent' ? current : undefined;
    });
    assert.equal(progress.channels.email?.state, 'sent');
    assert.equal(emailsFor(request.customer.email!).length, 1);
    assert.equal(smsFor(request.customer.phone!).length, 0);
    await noticeWorkflow(request).terminate('test over');
  });

  test('a channel the provider refuses is handed over and falls back to the next channel', async () => {
    const customerId = 'cust-now-fallback';
    await putPreferences(h.apiUrl, customerId, { channels: ['email', 'sms', 'in_app'], quietHours: null });
    const request = customerRequest(customerId, 'order_confirmed');
    h.invalidEmails.push(request.customer.email!);
    assert.deepEqual(await deliverOrderNotices([request]), { delivered: 0, handedOver: 1 });
    const progress = (await noticeWorkflow(request).result()) as NotificationProgress;
    assert.equal(progress.channels.email?.state, 'failed');
    assert.equal(progress.channels.sms?.state, 'sent');
    assert.equal(progress.channels.sms?.fallbackFor, 'email');
    assert.equal(emailsFor(request.customer.email!).length, 0);
    assert.equal(smsFor(request.customer.phone!).length, 1);
  });
});
