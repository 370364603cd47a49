import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { carrierUpdateSignal, orderWorkflowId } from '../../src/workflows/order/contract';
import type { Milestone } from '../../src/domain/order-notices';
import type { MessageChannel } from '../../src/notifications/message-channels';
import { MILESTONE_ROUTES } from '../../src/notifications/routing';
import { startOrderStack, type OrderStack } from '../support/order-stack';
import { eventually, orderPath, request } from '../support/http';
import { carrierScan, shipOrder } from '../support/lifecycle-driver';
import { sampleOrder } from '../support/orders';
import { customerLinkHeaders } from '../support/customer-links';

interface Email {
  to: string[];
  subject: string;
  text?: string;
  customArgs: Record<string, string>;
}
interface Sms {
  to: string;
  body: string;
}

describe('order milestones reach the customer through the notification service, each once', () => {
  let stack: OrderStack;
  before(async () => {
    stack = await startOrderStack({ notifications: true });
  });
  after(async () => {
    await stack?.stop();
  });

  const emailsTo = async (address: string) =>
    (
      await request<{ received: Email[] }>(stack.providers!.urls.sendgrid ?? '', 'GET', '/_sim/received')
    ).body.received.filter((email) => email.to.includes(address));
  const smsTo = async (phone: string) =>
    (
      await request<{ received: Sms[] }>(stack.providers!.urls.twilio ?? '', 'GET', '/_sim/received')
    ).body.received.filter((sms) => sms.to === phone);

  test('a German customer gets each milestone once, and a storm of one carrier update sends one message', async () => {
    const customer = {
      id: 'kunde-7',
      name: 'Grete Müller',
      email: 'grete@example.de',
      phone: '+4915112345678',
      locale: 'de',
      // Quiet hours never cover the whole day anywhere; pick a zone where it is daytime now.
      timeZone: new Date().getUTCHours() >= 6 && new Date().getUTCHours() < 18 ? 'UTC' : 'Asia/Tokyo',
    };
    const preferences = await request(
      stack.baseUrl,
      'PUT',
      `/notifications/customers/${customer.id}/preferences`,
      {
        channels: ['email', 'sms', 'in_app'],
        quietHours: null,
      },
      customerLinkHeaders({ customerId: customer.id }),
    );
    assert.equal(preferences.status, 200, JSON.stringify(preferences.body));

    await request(stack.baseUrl, 'PUT', '/inventory/SKU-MUG', { onHand: 5 });
    const created = await request(
      stack.baseUrl,
      'POST',
      '/orders',
      sampleOrder({ externalId: 'DE-1', customer }),
    );
    const orderId = created.body.orderId as string;
    const trackingNumber = await shipOrder(stack.baseUrl, orderId);

    const handle = stack.env.client.workflow.getHandle(orderWorkflowId(orderId));
    const outForDelivery = carrierScan(
      trackingNumber,
      'scan-ofd',
      'out_for_delivery',
      new Date(Date.now() + 1000).toISOString(),
    );
    // The same update delivered ten times, as carriers and aggregators do.
    await Promise.all(Array.from({ length: 10 }, () => handle.signal(carrierUpdateSignal, outForDelivery)));
    await handle.signal(
      carrierUpdateSignal,
      carrierScan(trackingNumber, 'scan-dl', 'delivered', new Date(Date.now() + 2000).toISOString()),
    );

    const milestones: Milestone[] = ['order_confirmed', 'shipped', 'out_for_delivery', 'delivered'];
    const routedTo = (channel: MessageChannel) =>
      milestones.filter((m) => MILESTONE_ROUTES[m].includes(channel));
    const emails = await eventually(async () => {
      const received = await emailsTo(customer.email);
      return received.length >= routedTo('email').length ? received : undefined;
    }, 30_000);
    await eventually(async () =>
      (await smsTo(customer.phone)).length >= routedTo('sms').length ? true : undefined,
    );
    // Give any stray duplicate time to show up before counting.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const finalEmails = await emailsTo(customer.email);
    assert.equal(finalEmails.length, routedTo('email').length, finalEmails.map((e) => e.subject).join(' | '));
    const subjects = finalEmails.map((email) => email.subject);
    assert.equal(new Set(subjects).size, subjects.length, `one email per milestone: ${subjects.join(', ')}`);
    const texts = await smsTo(customer.phone);
    assert.equal(texts.length, routedTo('sms').length, 'the out-for-delivery storm sent one SMS');

    const shippedEmail = emails.find((email) => (email.text ?? '').includes(trackingNumber));
    assert.ok(shippedEmail, 'the shipped email carries the tracking number');
    // German wording, chosen by the customer's locale.
    assert.ok(
      finalEmails.every((email) =>
        /Bestellung|Sendung|Paket|zugestellt|versandt/i.test(`${email.subject} ${email.text}`),
      ),
      finalEmails.map((email) => email.subject).join(' | '),
    );

    // The customer link in the email's unsubscribe link opens the customer's inbox.
    const unsubscribe = /https?:\/\/\S*\/notifications\/unsubscribe\?\S+/.exec(shippedEmail.text ?? '');
    assert.ok(unsubscribe, shippedEmail.text);
    const customerToken = new URL(unsubscribe[0]).searchParams.get('t');
    assert.ok(customerToken, unsubscribe[0]);
    const inbox = await request<{ items: { link: string }[] }>(
      stack.baseUrl,
      'GET',
      `/notifications/customers/${customer.id}/inbox`,
      undefined,
      { authorization: `Bearer ${customerToken}` },
    );
    assert.equal(inbox.status, 200);
    assert.equal(inbox.body.items.length, routedTo('in_app').length);
    // Each in-app message links to the order's status page with a token that opens it.
    const statusLink = new URL(inbox.body.items[0]!.link);
    const status = await request(
      stack.baseUrl,
      'GET',
      `${statusLink.pathname}/status.json${statusLink.search}`,
    );
    assert.equal(status.status, 200, JSON.stringify(status.body));
    assert.equal(status.body.orderId, orderId);

    const order = await request(stack.baseUrl, 'GET', orderPath(orderId));
    assert.equal(order.body.status, 'delivered');
  });

  test("a cancellation sends its own notice with the reason code in words, never the caller's text", async () => {
    const customer = {
      id: 'cust-cancel',
      name: 'Ann',
      email: 'ann@example.com',
      locale: 'en',
      timeZone: 'UTC',
    };
    await request(stack.baseUrl, 'PUT', '/inventory/SKU-MUG', { onHand: 5 });
    const created = await request(
      stack.baseUrl,
      'POST',
      '/orders',
      sampleOrder({ externalId: 'N-2', customer }),
    );
    const orderId = created.body.orderId as string;
    await eventually(async () =>
      (await request(stack.baseUrl, 'GET', orderPath(orderId))).body.status === 'reserved' ? true : undefined,
    );
    const hostile = 'payment declined <a href="https://evil.example/refund">claim</a>';
    await request(stack.baseUrl, 'POST', `${orderPath(orderId)}/cancel`, {
      reasonCode: 'payment_issue',
      note: hostile,
    });
    const cancelled = await eventually(async () => {
      const received = await emailsTo(customer.email);
      return received.find((email) => /cancel|storn/i.test(email.subject));
    }, 30_000);
    assert.match(cancelled.text ?? '', /We could not take the payment for it\./);
    assert.doesNotMatch(JSON.stringify(cancelled), /payment declined|evil\.example/);
    const inbox = await eventually(async () => {
      const read = await request(
        stack.baseUrl,
        'GET',
        `/notifications/customers/${customer.id}/inbox`,
        undefined,
        customerLinkHeaders({ customerId: customer.id }),
      );
      const text = JSON.stringify(read.body);
      return /We could not take the payment for it\./.test(text) ? text : undefined;
    }, 30_000);
    assert.doesNotMatch(inbox, /payment declined|evil\.example/);
  });
});
