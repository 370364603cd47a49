import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import express from 'express';
import twilio from 'twilio';
import { mountCustomerRoutes } from '../../../src/api/customer-routes';
import { loadNotificationConfig } from '../../../src/notifications/config';
import type { OrderNotificationRequest } from '../../../src/notifications/contract';
import { createSendGridEventsRouter } from '../../../src/notifications/feedback/sendgrid-events-router';
import { createTwilioWebhooksRouter } from '../../../src/notifications/feedback/twilio-webhooks-router';
import { listenToInbox, type InboxFeed } from '../../../src/notifications/inbox/feed';
import type { MessageChannel } from '../../../src/notifications/message-channels';
import { claimDelivery, completeDelivery } from '../../../src/notifications/sending/records';
import { closeServer, listen } from '../../../src/runtime/listen';
import { issueCustomerLink, type CustomerScope } from '../../../src/security/customer-links';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { LINK_KEYS } from './customer-link-fixture';

const TWILIO_AUTH_TOKEN = 'twilio-accounts-test-token';
const sendgridKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

interface Preferences {
  channels: string[];
  locale?: string;
  disabled: Record<string, unknown>;
}

/**
 * Customer IDs come from the channel and repeat across accounts: customer "123" of `web:acme` and
 * customer "123" of `web:globex` are two people, and neither may read, change or switch off the other's
 * messages, through a link or through provider feedback about the other's messages.
 */
describe('the same customer ID in two channel accounts is two customers', () => {
  let database: TestDatabase;
  let inboxFeed: InboxFeed;
  let server: Server;
  let baseUrl: string;
  let sequence = 0;
  const acme: CustomerScope = { channel: 'web', accountId: 'acme', customerId: '123' };
  const globex: CustomerScope = { channel: 'web', accountId: 'globex', customerId: '123' };

  before(async () => {
    database = await createTestDatabase('ost_link_accounts');
    inboxFeed = await listenToInbox(database.url);
    const app = express();
    server = await listen(app, 0);
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const config = loadNotificationConfig({
      SENDGRID_WEBHOOK_PUBLIC_KEY: sendgridKey.publicKey
        .export({ format: 'der', type: 'spki' })
        .toString('base64'),
      TWILIO_AUTH_TOKEN,
      NOTIFY_PUBLIC_BASE_URL: baseUrl,
    });
    // The feedback routers read their raw bodies: before any JSON parser.
    app.use(createSendGridEventsRouter({ db: database.db, config }));
    app.use(createTwilioWebhooksRouter({ db: database.db, config }));
    mountCustomerRoutes(app, {
      db: database.db,
      notifications: { config, inboxFeed },
      customerLinks: LINK_KEYS,
    });
  });
  after(async () => {
    await closeServer(server);
    await inboxFeed?.close();
    await database?.drop();
  });

  async function asCustomer(customer: CustomerScope, method: string, path: string, body?: unknown) {
    const token = issueCustomerLink(customer, { keys: LINK_KEYS });
    const response = await fetch(`${baseUrl}/notifications/customers/${customer.customerId}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: (text ? JSON.parse(text) : undefined) as unknown };
  }
  const preferencesOf = async (customer: CustomerScope) =>
    (await asCustomer(customer, 'GET', '/preferences')).json as Preferences;
  const tokensOf = async (customer: CustomerScope) =>
    ((await asCustomer(customer, 'GET', '/push-tokens')).json as { tokens: { token: string }[] }).tokens.map(
      (t) => t.token,
    );

  /** A message to the customer about an order of its account, accepted by the provider. */
  async function sentMessage(
    customer: CustomerScope,
    channel: MessageChannel,
    address: { email?: string; phone?: string },
  ) {
    sequence += 1;
    const request: OrderNotificationRequest = {
      orderId: `${customer.channel}:${customer.accountId}:ORDER-${sequence}`,
      eventId: `evt-${sequence}`,
      milestone: 'shipped',
      occurredAt: new Date().toISOString(),
      customer: { id: customer.customerId, name: 'Ada', locale: 'en', timeZone: 'UTC', ...address },
      order: { externalId: `ORDER-${sequence}`, channel: customer.channel, itemCount: 1 },
      details: {},
    };
    const recipient = (channel === 'email' ? address.email : address.phone) ?? '';
    const claim = await claimDelivery(database.db, { request, channel, recipient, leaseMs: 60_000 });
    assert.equal(claim.kind, 'claimed');
    const providerMessageId = `${channel === 'email' ? 'sg' : 'SM'}-${sequence}`;
    await completeDelivery(database.db, claim.record.delivery_key, providerMessageId);
    return { deliveryKey: claim.record.delivery_key, providerMessageId };
  }

  async function sendGridEvents(events: Record<string, unknown>[]) {
    const body = JSON.stringify(events);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = sign('sha256', Buffer.from(timestamp + body), sendgridKey.privateKey).toString(
      'base64',
    );
    const response = await fetch(`${baseUrl}/webhooks/sendgrid/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'X-Twilio-Email-Event-Webhook-Signature': signature,
        'X-Twilio-Email-Event-Webhook-Timestamp': timestamp,
      },
      body,
    });
    assert.equal(response.status, 200, await response.text());
  }

  async function twilioReply(from: string, text: string) {
    const path = '/webhooks/twilio/inbound';
    const params = { From: from, To: '+15005550006', Body: text };
    const signature = twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, `${baseUrl}${path}`, params);
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
    });
    assert.equal(response.status, 200);
  }

  test("a link of one account neither reads nor changes the other account's preferences and devices", async () => {
    const put = await asCustomer(globex, 'PUT', '/preferences', { channels: ['in_app'], locale: 'de' });
    assert.equal(put.status, 200);
    assert.equal(
      (await asCustomer(globex, 'POST', '/push-tokens', { token: 'globex-device-1', platform: 'ios' }))
        .status,
      201,
    );

    const seenByAcme = await preferencesOf(acme);
    assert.deepEqual(
      seenByAcme.channels,
      ['email', 'push', 'in_app'],
      'acme sees its own (default) preferences',
    );
    assert.equal(seenByAcme.locale, undefined);
    assert.deepEqual(await tokensOf(acme), [], "acme sees none of globex's devices");
    assert.equal((await asCustomer(acme, 'DELETE', '/push-tokens/globex-device-1')).status, 404);

    assert.equal((await asCustomer(acme, 'PUT', '/preferences', { channels: ['email', 'sms'] })).status, 200);
    assert.equal(
      (await asCustomer(acme, 'POST', '/push-tokens', { token: 'acme-device-1', platform: 'web' })).status,
      201,
    );
    const globexAfter = await preferencesOf(globex);
    assert.deepEqual(globexAfter.channels, ['in_app']);
    assert.equal(globexAfter.locale, 'de');
    assert.deepEqual(await tokensOf(globex), ['globex-device-1']);
    assert.deepEqual(await tokensOf(acme), ['acme-device-1']);
    assert.deepEqual((await preferencesOf(acme)).channels, ['email', 'sms']);
  });

  test("a hard bounce or spam report of one account's message leaves the other account's customer alone", async () => {
    const acmeMail = await sentMessage(acme, 'email', { email: 'ada@acme.example' });
    await sentMessage(globex, 'email', { email: 'ada@globex.example' });
    await sendGridEvents([
      {
        event: 'bounce',
        type: 'bounce',
        sg_event_id: 'accounts-bounce-1',
        sg_message_id: `${acmeMail.providerMessageId}.filter`,
        email: 'ada@acme.example',
        reason: '550 no such user',
        delivery_key: acmeMail.deliveryKey,
      },
    ]);
    assert.ok((await preferencesOf(acme)).disabled.email, 'the bounced customer');
    assert.deepEqual((await preferencesOf(globex)).disabled, {}, 'the other account');

    const acmeMailAgain = await sentMessage(acme, 'email', { email: 'ada@acme.example' });
    await sendGridEvents([
      { event: 'spamreport', sg_event_id: 'accounts-spam-1', delivery_key: acmeMailAgain.deliveryKey },
    ]);
    assert.ok(!(await preferencesOf(acme)).channels.includes('email'));
    assert.deepEqual((await preferencesOf(globex)).channels, ['in_app'], 'as globex set them');
  });

  test('STOP from a phone stops SMS for every customer messaged at it, and for nobody else', async () => {
    const acmeSms: CustomerScope = { ...acme, customerId: 'sms-1' };
    const globexSms: CustomerScope = { ...globex, customerId: 'sms-1' };
    const sameShopper: CustomerScope = { ...globex, customerId: 'sms-77' };
    for (const customer of [acmeSms, globexSms, sameShopper])
      await asCustomer(customer, 'PUT', '/preferences', { channels: ['email', 'sms'] });
    await sentMessage(acmeSms, 'sms', { phone: '+14155550101' });
    await sentMessage(sameShopper, 'sms', { phone: '+14155550101' });
    await sentMessage(globexSms, 'sms', { phone: '+14155550202' });

    await twilioReply('+14155550101', 'STOP');
    assert.deepEqual((await preferencesOf(acmeSms)).channels, ['email']);
    assert.deepEqual((await preferencesOf(sameShopper)).channels, ['email'], 'messaged at the same phone');
    assert.deepEqual((await preferencesOf(globexSms)).channels, ['email', 'sms'], 'the same ID elsewhere');

    await twilioReply('+14155550101', 'START');
    assert.deepEqual((await preferencesOf(acmeSms)).channels, ['email', 'sms']);
    assert.deepEqual((await preferencesOf(globexSms)).channels, ['email', 'sms']);
  });
});
