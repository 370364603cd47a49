import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { loadNotificationConfig } from '../../../src/notifications/config';
import { createSendGridEventsRouter } from '../../../src/notifications/feedback/sendgrid-events-router';
import { createTestDatabase, type TestDatabase } from '../../support/database';

const SIGNATURE = 'X-Twilio-Email-Event-Webhook-Signature';
const TIMESTAMP = 'X-Twilio-Email-Event-Webhook-Timestamp';

describe('a provider delivery signed with an old timestamp is refused, within a configurable window', () => {
  let db: TestDatabase;
  let server: Server;
  let baseUrl: string;
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

  before(async () => {
    db = await createTestDatabase('ost_signed_ts');
    const config = loadNotificationConfig({
      SENDGRID_WEBHOOK_PUBLIC_KEY: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      SENDGRID_WEBHOOK_TOLERANCE_SECONDS: '120',
    });
    const app = express();
    app.use(createSendGridEventsRouter({ db: db.db, config }));
    server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.drop();
  });

  async function deliver(ageSeconds: number, eventId: string) {
    const body = JSON.stringify([{ event: 'processed', sg_event_id: eventId, email: 'a@example.com' }]);
    const timestamp = String(Math.floor(Date.now() / 1000) - ageSeconds);
    const signature = sign('sha256', Buffer.from(timestamp + body), privateKey).toString('base64');
    const response = await fetch(`${baseUrl}/webhooks/sendgrid/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE]: signature, [TIMESTAMP]: timestamp },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('takes a fresh signed delivery and refuses the same kind of delivery signed five minutes ago', async () => {
    const fresh = await deliver(10, 'ev-fresh');
    assert.equal(fresh.status, 200, JSON.stringify(fresh.body));
    const old = await deliver(300, 'ev-old');
    assert.equal(old.status, 403);
    assert.equal(old.body.code, 'invalid_signature');
    assert.equal(old.body.detail, `The ${TIMESTAMP} is outside the 2-minute window around the current time.`);
    const seen = await db.db.query("SELECT 1 FROM notification_provider_events WHERE event_id = 'ev-old'");
    assert.equal(seen.rows.length, 0, 'nothing of the old delivery was applied');
  });
});
