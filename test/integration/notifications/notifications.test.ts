import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import { createNotificationActivities } from '../../../src/notifications/activities';
import {
  NOTIFY_CUSTOMER_WORKFLOW,
  notificationWorkflowId,
  type OrderNotificationRequest,
} from '../../../src/notifications/contract';
import { claimDelivery } from '../../../src/notifications/sending/records';
import { getPreferences, registerPushToken } from '../../../src/notifications/preferences/store';
import { createProviders } from '../../../src/notifications/providers';
import { renderMessage } from '../../../src/notifications/templates/render';
import {
  notificationProgressQuery,
  type NotificationProgress,
} from '../../../src/notifications/workflows/messages';
import { NOTIFICATIONS_TASK_QUEUE } from '../../../src/temporal/task-queues';
import { withOrderLink } from '../../support/customer-links';
import { ADMIN_CREDENTIALS } from '../../support/ops-credentials';
import {
  customerKey,
  customerLink,
  customerRequest,
  putPreferences,
  startHarness,
  waitFor,
  type Harness,
} from './harness';

/** An operator call with the test stacks' admin token. */
const asAdmin = (method = 'GET'): RequestInit => ({ method, headers: ADMIN_CREDENTIALS });

let h: Harness;

before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.stop();
});

async function notify(request: OrderNotificationRequest): Promise<NotificationProgress> {
  return h.env.client.workflow.execute(NOTIFY_CUSTOMER_WORKFLOW, {
    taskQueue: NOTIFICATIONS_TASK_QUEUE,
    workflowId: notificationWorkflowId(request.orderId, request.eventId),
    args: [request],
  });
}

const emailsFor = (email: string) => h.sendgrid.received().filter((m) => m.to.includes(email));
const smsFor = (phone: string) => h.twilio.received().filter((m) => m.to === phone);
const pushesFor = (token: string) => h.fcm.received().filter((m) => m.token === token);

async function deliveryRow(request: OrderNotificationRequest, channel: string) {
  const { rows } = await h.database.db.query<{
    status: string;
    fallback_for: string | null;
    provider_message_id: string | null;
  }>(
    'SELECT status, fallback_for, provider_message_id FROM notification_deliveries WHERE order_id = $1 AND event_id = $2 AND channel = $3',
    [request.orderId, request.eventId, channel],
  );
  return rows[0];
}

/** An IANA zone where the local hour is now about 03:00, so default quiet hours (21-08) apply. */
function zoneAtNight(): string {
  let offset = (3 - new Date().getUTCHours() + 24) % 24;
  if (offset > 12) offset -= 24;
  // Etc/GMT-5 is UTC+5 (POSIX sign convention).
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

describe('notification service on Temporal, PostgreSQL and the provider simulators', () => {
  test('an order lifecycle sends each expected message once, in the customer language, and streams in-app items', async () => {
    const customerId = 'cust-lifecycle';
    const response = await putPreferences(h.apiUrl, customerId, {
      channels: ['email', 'sms', 'push', 'in_app'],
      quietHours: null,
    });
    assert.equal(response.status, 200);
    await registerPushToken(h.database.db, customerKey(customerId), {
      token: 'device-token-lifecycle-1',
      platform: 'android',
    });

    const orderId = 'web:acct:lifecycle-1';
    const stream = await fetch(
      `${h.apiUrl}${withOrderLink(`/notifications/orders/${encodeURIComponent(orderId)}/inbox/stream`, orderId)}`,
    );
    assert.equal(stream.headers.get('content-type'), 'text/event-stream');
    const reader = stream.body!.getReader();
    let streamed = '';
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        streamed += Buffer.from(value).toString('utf8');
      }
    })();

    const milestones = ['order_confirmed', 'shipped', 'out_for_delivery', 'delivered'] as const;
    const requests = milestones.map((m) =>
      customerRequest(customerId, m, { locale: 'de-DE', timeZone: 'Europe/Berlin' }, orderId),
    );
    for (const request of requests) await notify(request);

    const email = `${customerId}@example.com`;
    const phone = requests[0]!.customer.phone!;
    assert.deepEqual(
      emailsFor(email).map((m) => m.subject),
      [
        'Ihre Parcel & Co-Bestellung EXT-cust-lifecycle ist bestätigt',
        'Ihre Bestellung EXT-cust-lifecycle wurde versendet',
        'Ihre Bestellung EXT-cust-lifecycle wurde zugestellt',
      ],
    );
    assert.ok(emailsFor(email)[1]!.text?.includes('Sendungsnummer 1Z999AA10123456784'));
    assert.ok(
      emailsFor(email)[1]!.html?.includes('https://www.ups.com/track?tracknum&#x3D;1Z999AA10123456784'),
    );
    assert.equal(emailsFor(email)[0]!.headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
    // out_for_delivery is the only one of these routed to SMS (the others' sms numbers differ per request).
    const sms = h.twilio.received().filter((m) => requests.some((r) => r.customer.phone === m.to));
    assert.equal(sms.length, 1);
    assert.match(sms[0]!.body, /^Parcel & Co: Bestellung EXT-cust-lifecycle wird heute zugestellt\./);
    assert.equal(sms[0]!.to, requests[2]!.customer.phone);
    assert.ok(phone);
    assert.deepEqual(
      pushesFor('device-token-lifecycle-1').map((p) => p.notification?.title),
      ['Versendet', 'In Zustellung', 'Zugestellt'],
    );

    const inbox = (await (
      await fetch(`${h.apiUrl}/notifications/customers/${customerId}/inbox`, {
        headers: customerLink(customerId),
      })
    ).json()) as {
      items: { title: string }[];
    };
    assert.deepEqual(inbox.items.map((i) => i.title).reverse(), [
      'Bestellung bestätigt',
      'Versendet',
      'In Zustellung',
      'Zugestellt',
    ]);
    await waitFor(
      'four streamed inbox items',
      () => (streamed.match(/event: notification/g)?.length ?? 0) >= 4 || undefined,
    );
    await reader.cancel();
    await reading.catch(() => undefined);

    // Signed SendGrid events and Twilio callbacks arrive and mark the messages delivered.
    await waitFor(
      'email delivered',
      async () => (await deliveryRow(requests[0]!, 'email'))?.status === 'delivered' || undefined,
    );
    await waitFor(
      'sms delivered',
      async () => (await deliveryRow(requests[2]!, 'sms'))?.status === 'delivered' || undefined,
    );
  });

  test('the same request ten times (one workflow id) and the same activity re-run send one message', async () => {
    const customerId = 'cust-duplicates';
    const request = customerRequest(customerId, 'delayed');
    const starts = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        h.env.client.workflow.start(NOTIFY_CUSTOMER_WORKFLOW, {
          taskQueue: NOTIFICATIONS_TASK_QUEUE,
          workflowId: notificationWorkflowId(request.orderId, request.eventId),
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          args: [request],
        }),
      ),
    );
    assert.equal(starts.filter((s) => s.status === 'fulfilled').length, 1);
    for (const s of starts)
      if (s.status === 'rejected') assert.ok(s.reason instanceof WorkflowExecutionAlreadyStartedError);
    await h.env.client.workflow.getHandle(notificationWorkflowId(request.orderId, request.eventId)).result();
    // A later run under the same id (allowed once the first closed) finds the delivery records.
    const rerun = await h.env.client.workflow.execute(NOTIFY_CUSTOMER_WORKFLOW, {
      taskQueue: NOTIFICATIONS_TASK_QUEUE,
      workflowId: notificationWorkflowId(request.orderId, request.eventId),
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      args: [request],
    });
    assert.equal(rerun.channels.email?.state, 'sent');

    const activities = createNotificationActivities({ db: h.database.db, config: h.config });
    const reruns = await Promise.allSettled(
      Array.from({ length: 10 }, () => activities.deliverNotification({ request, channel: 'email' })),
    );
    for (const r of reruns) {
      if (r.status === 'fulfilled') assert.equal(r.value.status, 'already_sent');
      else assert.equal((r.reason as { type?: string }).type, 'DeliveryInFlight');
    }
    assert.equal(emailsFor(request.customer.email!).length, 1);
    const inbox = await h.database.db.query(
      'SELECT 1 FROM notification_inbox WHERE order_id = $1 AND event_id = $2',
      [request.orderId, request.eventId],
    );
    assert.equal(inbox.rows.length, 1);
  });

  test('a crash between provider acceptance and completion is reconciled, not sent again', async () => {
    const customerId = 'cust-crash';
    await putPreferences(h.apiUrl, customerId, {
      channels: ['email', 'sms', 'push', 'in_app'],
      quietHours: null,
    });
    await registerPushToken(h.database.db, customerKey(customerId), {
      token: 'device-token-crash-1',
      platform: 'ios',
    });
    const request = customerRequest(customerId, 'available_for_pickup');
    const providers = createProviders(h.config);
    const db = h.database.db;

    // The attempt that "crashed": it claimed each delivery and the provider accepted the message.
    for (const channel of ['email', 'sms', 'push'] as const) {
      const claim = await claimDelivery(db, { request, channel, recipient: 'x', leaseMs: 15_000 });
      assert.equal(claim.kind, 'claimed');
      if (claim.kind !== 'claimed') return;
      const message = renderMessage(request, channel, h.config);
      const key = claim.record.delivery_key;
      if (message.channel === 'email') {
        await providers.email.send({
          deliveryKey: key,
          to: request.customer.email!,
          toName: 'x',
          subject: message.subject,
          html: message.html,
          text: message.text,
          unsubscribeUrl: message.unsubscribeUrl,
        });
      } else if (message.channel === 'sms') {
        await providers.sms.send({
          deliveryKey: key,
          to: request.customer.phone!,
          body: message.body,
          statusCallbackUrl: `${h.apiUrl}/webhooks/twilio/status`,
          claimedAt: new Date(),
        });
      } else if (message.channel === 'push') {
        await providers.push.send({
          deliveryKey: key,
          token: 'device-token-crash-1',
          title: message.title,
          body: message.body,
          link: message.link,
          orderId: request.orderId,
        });
      }
    }
    // The dead attempt's lease runs out.
    await db.query(
      `UPDATE notification_deliveries SET lease_until = now() - interval '1 second' WHERE order_id = $1`,
      [request.orderId],
    );

    const progress = await notify(request);
    for (const channel of ['email', 'sms', 'push'] as const)
      assert.equal(progress.channels[channel]?.state, 'sent', channel);
    assert.equal(emailsFor(request.customer.email!).length, 1);
    assert.equal(smsFor(request.customer.phone!).length, 1);
    assert.equal(pushesFor('device-token-crash-1').length, 1);
    assert.equal(
      (await deliveryRow(request, 'email'))?.provider_message_id,
      emailsFor(request.customer.email!)[0]!.messageId,
    );
  });

  test('quiet hours hold an SMS on a durable timer while the email goes out at once', async () => {
    const customerId = 'cust-night';
    await putPreferences(h.apiUrl, customerId, { channels: ['email', 'sms', 'in_app'] });
    const request = customerRequest(customerId, 'delivery_failed', { timeZone: zoneAtNight() });
    const handle = await h.env.client.workflow.start(NOTIFY_CUSTOMER_WORKFLOW, {
      taskQueue: NOTIFICATIONS_TASK_QUEUE,
      workflowId: notificationWorkflowId(request.orderId, request.eventId),
      args: [request],
    });
    await waitFor('the email', () => emailsFor(request.customer.email!).length === 1 || undefined);
    const progress = await waitFor('the SMS to be scheduled', async () => {
      const p = await handle.query(notificationProgressQuery);
      return p.channels.sms?.state === 'waiting_quiet_hours' ? p : undefined;
    });
    const due = new Date(progress.channels.sms!.notBefore!);
    assert.ok(due.getTime() > Date.now(), 'the SMS is due in the future');
    assert.ok(due.getTime() - Date.now() <= 11 * 3600_000, 'and at most the length of the night away');
    assert.equal(progress.channels.email?.state, 'sent');
    assert.equal(smsFor(request.customer.phone!).length, 0);
    const description = await handle.describe();
    assert.equal(description.status.name, 'RUNNING');
    await handle.terminate('test over');
  });

  test('a permanent email failure falls back to SMS', async () => {
    const customerId = 'cust-fallback';
    await putPreferences(h.apiUrl, customerId, { channels: ['email', 'sms', 'in_app'], quietHours: null });
    const request = customerRequest(customerId, 'order_confirmed');
    h.invalidEmails.push(request.customer.email!);
    const progress = await notify(request);
    assert.equal(progress.channels.email?.state, 'failed');
    assert.match(progress.channels.email?.error ?? '', /SendGrid 400: Does not contain a valid address/);
    assert.equal(progress.channels.sms?.state, 'sent');
    assert.equal(progress.channels.sms?.fallbackFor, 'email');
    assert.equal(emailsFor(request.customer.email!).length, 0);
    const sms = smsFor(request.customer.phone!);
    assert.equal(sms.length, 1);
    assert.match(sms[0]!.body, /order EXT-cust-fallback is confirmed/);
    assert.equal((await deliveryRow(request, 'email'))?.status, 'failed');
    assert.equal((await deliveryRow(request, 'sms'))?.fallback_for, 'email');
  });

  test('what cannot be delivered is dead-lettered and a replay delivers it', async () => {
    const customerId = 'cust-deadletter';
    await putPreferences(h.apiUrl, customerId, { channels: ['email', 'in_app'] });
    const request = customerRequest(customerId, 'cancelled');
    h.invalidEmails.push(request.customer.email!);
    const progress = await notify(request);
    assert.equal(progress.channels.email?.state, 'dead_lettered');
    const id = progress.channels.email?.deadLetterId;
    const anonymous = await fetch(`${h.apiUrl}/ops/notifications/dead-letters/${id}/replay`, {
      method: 'POST',
    });
    assert.equal(anonymous.status, 401, 'the access gate refuses a call without credentials');
    const list = (await (
      await fetch(`${h.apiUrl}/ops/notifications/dead-letters?status=open`, asAdmin())
    ).json()) as {
      deadLetters: { id: number; reason: string; channel: string; error_type: string }[];
    };
    const entry = list.deadLetters.find((d) => d.id === id);
    assert.ok(entry);
    assert.equal(entry.channel, 'email');
    assert.equal(entry.error_type, 'RecipientRejected');
    assert.match(entry.reason, /valid address/);

    h.invalidEmails.splice(h.invalidEmails.indexOf(request.customer.email!), 1);
    const replay = await fetch(`${h.apiUrl}/ops/notifications/dead-letters/${id}/replay`, asAdmin('POST'));
    assert.equal(replay.status, 202);
    const again = await fetch(`${h.apiUrl}/ops/notifications/dead-letters/${id}/replay`, asAdmin('POST'));
    assert.equal(again.status, 409);
    const { workflowId } = (await replay.json()) as { workflowId: string };
    await h.env.client.workflow.getHandle(workflowId).result();
    assert.equal(emailsFor(request.customer.email!).length, 1);
    const resolved = (await (
      await fetch(`${h.apiUrl}/ops/notifications/dead-letters/${id}`, asAdmin())
    ).json()) as {
      status: string;
    };
    assert.equal(resolved.status, 'resolved');
    assert.equal(
      (await fetch(`${h.apiUrl}/ops/notifications/dead-letters/abc/replay`, asAdmin('POST'))).status,
      400,
    );
  });

  test('a hard bounce and an undeliverable SMS disable those channels for the customer', async () => {
    const customerId = 'cust-bounce';
    await putPreferences(h.apiUrl, customerId, { channels: ['email', 'sms', 'in_app'], quietHours: null });
    const request = customerRequest(customerId, 'delivery_attempted');
    h.bounceEmails.push(request.customer.email!);
    h.undeliverablePhones.push(request.customer.phone!);
    await notify(request);
    await waitFor(
      'email bounced',
      async () => (await deliveryRow(request, 'email'))?.status === 'bounced' || undefined,
    );
    await waitFor(
      'sms undelivered',
      async () => (await deliveryRow(request, 'sms'))?.status === 'undelivered' || undefined,
    );
    const preferences = await waitFor('both channels disabled', async () => {
      const p = await getPreferences(h.database.db, customerKey(customerId));
      return p.disabled.email && p.disabled.sms ? p : undefined;
    });
    assert.match(preferences.disabled.email!.reason, /hard bounce/);
    assert.equal(preferences.disabled.email!.recipient, request.customer.email);

    const next = customerRequest(customerId, 'delivery_failed', { phone: request.customer.phone });
    const progress = await notify(next);
    assert.deepEqual(Object.keys(progress.channels), ['in_app']);
    assert.equal(emailsFor(request.customer.email!).length, 1);
  });

  test('forged webhook signatures are rejected; SMS STOP and the unsubscribe link opt out', async () => {
    const request = customerRequest('cust-forged', 'shipped');
    const event = {
      email: 'x@example.com',
      timestamp: Math.floor(Date.now() / 1000),
      event: 'bounce',
      type: 'bounce',
      sg_event_id: 'forged-1',
      sg_message_id: 'm',
      delivery_key: 'k',
    };
    assert.equal(await h.sendgrid.pushEvents([event], { forgeSignature: true }), 403);
    const unsigned = await fetch(`${h.apiUrl}/webhooks/sendgrid/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify([event]),
    });
    assert.equal(unsigned.status, 403);
    assert.equal(
      await h.twilio.sendStatusCallback(
        `${h.apiUrl}/webhooks/twilio/status`,
        { MessageSid: 'SMforged', MessageStatus: 'undelivered', ErrorCode: '30005' },
        { forgeSignature: true },
      ),
      403,
    );
    assert.equal(
      await h.twilio.sendStatusCallback(`${h.apiUrl}/webhooks/twilio/status`, {
        MessageSid: 'SMgenuine',
        MessageStatus: 'delivered',
      }),
      204,
    );
    // The same signed events twice are applied once.
    const genuine = { ...event, event: 'delivered', sg_event_id: 'genuine-1' };
    assert.equal(await h.sendgrid.pushEvents([genuine]), 200);
    const seen = await h.database.db.query(
      `SELECT 1 FROM notification_provider_events WHERE provider = 'sendgrid' AND event_id = 'genuine-1'`,
    );
    assert.equal(seen.rows.length, 1);

    const customerId = 'cust-stop';
    await putPreferences(h.apiUrl, customerId, { channels: ['email', 'sms', 'in_app'], quietHours: null });
    const first = customerRequest(customerId, 'out_for_delivery');
    await notify(first);
    assert.equal(smsFor(first.customer.phone!).length, 1);
    assert.equal(
      await h.twilio.sendInbound(
        `${h.apiUrl}/webhooks/twilio/inbound`,
        first.customer.phone!,
        h.config.twilio.fromNumber,
        'STOP',
        { forgeSignature: true },
      ),
      403,
    );
    assert.equal(
      await h.twilio.sendInbound(
        `${h.apiUrl}/webhooks/twilio/inbound`,
        first.customer.phone!,
        h.config.twilio.fromNumber,
        ' stop ',
      ),
      200,
    );
    assert.deepEqual((await getPreferences(h.database.db, customerKey(customerId))).channels, [
      'email',
      'in_app',
    ]);

    const mail = await notify(customerRequest(customerId, 'delivered', { phone: first.customer.phone }));
    assert.equal(mail.channels.email?.state, 'sent');
    const link = /href="([^"]*unsubscribe[^"]*)"/
      .exec(emailsFor(`${customerId}@example.com`)[0]!.html ?? '')![1]!
      .replace(/&amp;/g, '&')
      .replace(/&#x3D;/g, '=');
    assert.equal((await fetch(link)).status, 200);
    const tampered = link.replace('customer=cust-stop', 'customer=cust-other');
    assert.equal((await fetch(tampered, { method: 'POST' })).status, 404);
    const unsubscribed = await fetch(link, { method: 'POST', headers: { Accept: 'application/json' } });
    assert.equal(unsubscribed.status, 200);
    assert.deepEqual((await getPreferences(h.database.db, customerKey(customerId))).channels, ['in_app']);
    assert.ok(request);
  });

  test('the preferences API answers bad input with 400 naming the field', async () => {
    const response = await putPreferences(h.apiUrl, 'cust-api', {
      timeZone: 'Mars/Olympus',
      channels: ['email', 'pigeon'],
    });
    assert.equal(response.status, 400);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const body = (await response.json()) as { code: string; errors: { field: string; message: string }[] };
    assert.equal(body.code, 'invalid_request');
    assert.deepEqual(body.errors.map((i) => i.field).sort(), ['channels.1', 'timeZone']);
    assert.ok(
      body.errors.every((i) => i.message.length > 0),
      JSON.stringify(body.errors),
    );
    const preview = await fetch(`${h.apiUrl}/notifications/preview/shipped?channel=sms&locale=de`, asAdmin());
    assert.equal(preview.status, 200);
    assert.match(((await preview.json()) as { body: string }).body, /wurde mit FedEx versendet/);
    assert.equal((await fetch(`${h.apiUrl}/notifications/preview/teleported`, asAdmin())).status, 400);
  });
});
