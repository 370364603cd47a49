import assert from 'node:assert/strict';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import twilio from 'twilio';
import { loadNotificationConfig } from '../../../src/notifications/config';
import { createSendGridEventsRouter } from '../../../src/notifications/feedback/sendgrid-events-router';
import { createTwilioWebhooksRouter } from '../../../src/notifications/feedback/twilio-webhooks-router';
import { createTestDatabase, type TestDatabase } from '../../support/database';

const TWILIO_AUTH_TOKEN = 'twilio-feedback-test-token';
const SIGNATURE = 'X-Twilio-Email-Event-Webhook-Signature';
const TIMESTAMP = 'X-Twilio-Email-Event-Webhook-Timestamp';

function ecKeyPair(): { privateKey: KeyObject; publicKeyBase64: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    privateKey,
    publicKeyBase64: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}

const signEvents = (payload: string, timestamp: string, key: KeyObject) =>
  sign('sha256', Buffer.from(timestamp + payload), key).toString('base64');

describe('message-provider feedback webhooks say why a signature is refused', () => {
  let db: TestDatabase;
  let server: Server;
  let baseUrl: string;
  const sendgridKey = ecKeyPair();

  before(async () => {
    db = await createTestDatabase('ost_feedback');
    const app = express();
    server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const config = loadNotificationConfig({
      SENDGRID_WEBHOOK_PUBLIC_KEY: sendgridKey.publicKeyBase64,
      TWILIO_AUTH_TOKEN,
      NOTIFY_PUBLIC_BASE_URL: baseUrl,
    });
    app.use(createSendGridEventsRouter({ db: db.db, config }));
    app.use(createTwilioWebhooksRouter({ db: db.db, config }));
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.drop();
  });

  async function post(path: string, body: string, headers: Record<string, string>) {
    const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers, body });
    const answer = (await response.json()) as { code?: string; detail?: string };
    return { ...answer, status: response.status, contentType: response.headers.get('content-type') ?? '' };
  }

  it('SendGrid event webhook: names the missing header, the stale timestamp, the wrong signature', async () => {
    const payload = '[]';
    const now = String(Math.floor(Date.now() / 1000));
    const stale = String(Math.floor(Date.now() / 1000) - 11 * 60);
    const json = { 'content-type': 'application/json' };
    const send = (headers: Record<string, string>) =>
      post('/webhooks/sendgrid/events', payload, { ...json, ...headers });
    const signed = signEvents(payload, now, sendgridKey.privateKey);

    const noSignature = await send({ [TIMESTAMP]: now });
    assert.equal(noSignature.status, 403);
    assert.match(noSignature.contentType, /^application\/problem\+json/);
    assert.equal(noSignature.detail, `The ${SIGNATURE} header is missing.`);
    const noTimestamp = await send({ [SIGNATURE]: signed });
    assert.equal(noTimestamp.detail, `The ${TIMESTAMP} header is missing.`);
    const outside = await send({
      [SIGNATURE]: signEvents(payload, stale, sendgridKey.privateKey),
      [TIMESTAMP]: stale,
    });
    assert.equal(outside.status, 403);
    assert.equal(outside.detail, `The ${TIMESTAMP} is outside the 10-minute window around the current time.`);
    const otherKey = ecKeyPair().privateKey;
    const mismatch = await send({ [SIGNATURE]: signEvents(payload, now, otherKey), [TIMESTAMP]: now });
    assert.equal(mismatch.status, 403);
    assert.equal(
      mismatch.detail,
      `The ${SIGNATURE} signature does not match the timestamp and body for SENDGRID_WEBHOOK_PUBLIC_KEY.`,
    );

    const accepted = await send({ [SIGNATURE]: signed, [TIMESTAMP]: now });
    assert.equal(accepted.status, 200);
  });

  it('Twilio callbacks: a missing X-Twilio-Signature apart from one that does not match', async () => {
    const path = '/webhooks/twilio/status';
    const params = { MessageSid: 'SM00000000000000000000000000000001', MessageStatus: 'sent' };
    const body = new URLSearchParams(params).toString();
    const form = { 'content-type': 'application/x-www-form-urlencoded' };

    const missing = await post(path, body, form);
    assert.equal(missing.status, 403);
    assert.match(missing.contentType, /^application\/problem\+json/);
    assert.equal(missing.detail, 'The X-Twilio-Signature header is missing.');
    const forged = twilio.getExpectedTwilioSignature('not-the-token', `${baseUrl}${path}`, params);
    const mismatch = await post(path, body, { ...form, 'x-twilio-signature': forged });
    assert.equal(mismatch.status, 403);
    assert.equal(
      mismatch.detail,
      `The X-Twilio-Signature signature does not match ${baseUrl}${path} and the form parameters for TWILIO_AUTH_TOKEN.`,
    );

    const valid = twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, `${baseUrl}${path}`, params);
    const accepted = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { ...form, 'x-twilio-signature': valid },
      body,
    });
    assert.equal(accepted.status, 204);
  });
});
