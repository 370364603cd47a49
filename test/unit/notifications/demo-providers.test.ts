import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { loadNotificationConfig } from '../../../src/notifications/config';
import {
  providersToSimulate,
  startDemoProviders,
  type DemoProviders,
} from '../../../src/notifications/demo-providers';

const API = 'http://127.0.0.1:3999';
const started: DemoProviders[] = [];
after(() => Promise.all(started.map((demo) => demo.close())));

async function resolve(env: Record<string, string>) {
  const demo = await startDemoProviders(API, { env });
  started.push(demo);
  return { demo, config: loadNotificationConfig(demo.env) };
}

test('each provider decides on its own whether it is simulated', () => {
  assert.deepEqual(providersToSimulate({}), ['sendgrid', 'twilio', 'fcm']);
  assert.deepEqual(providersToSimulate({ SENDGRID_API_URL: 'https://api.sendgrid.com' }), ['twilio', 'fcm']);
  assert.deepEqual(providersToSimulate({ TWILIO_API_URL: 'https://api.twilio.com' }), ['sendgrid', 'fcm']);
});

test('explicit settings win over the simulators while every simulator still runs', async () => {
  const env = {
    SENDGRID_WEBHOOK_PUBLIC_KEY: 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEuserkey',
    TWILIO_AUTH_TOKEN: 'user-twilio-auth-token',
    NOTIFY_PUBLIC_BASE_URL: 'https://orders.example.com',
  };
  const { demo, config } = await resolve(env);
  assert.equal(config.sendgrid.webhookPublicKey, env.SENDGRID_WEBHOOK_PUBLIC_KEY);
  assert.equal(config.twilio.authToken, env.TWILIO_AUTH_TOKEN);
  assert.equal(config.publicBaseUrl, env.NOTIFY_PUBLIC_BASE_URL);
  assert.equal(config.twilio.apiUrl, demo.urls.twilio);
  assert.ok(demo.urls.sendgrid && demo.urls.fcm);
  // The Twilio simulator accepts the token the service will send.
  const basic = Buffer.from(`${config.twilio.accountSid}:${env.TWILIO_AUTH_TOKEN}`).toString('base64');
  const answer = await fetch(
    `${config.twilio.apiUrl}/2010-04-01/Accounts/${config.twilio.accountSid}/Messages.json`,
    {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        To: '+14155550123',
        From: config.twilio.fromNumber,
        Body: 'hi',
      }).toString(),
    },
  );
  assert.equal(answer.status, 201);
});

test('a real SendGrid leaves the Twilio and FCM simulators running', async () => {
  const env = { SENDGRID_API_URL: 'https://api.sendgrid.com', SENDGRID_API_KEY: 'SG.real' };
  const { demo, config } = await resolve(env);
  assert.equal(config.sendgrid.apiUrl, 'https://api.sendgrid.com');
  assert.equal(config.sendgrid.apiKey, 'SG.real');
  assert.equal(demo.urls.sendgrid, undefined);
  assert.equal(config.twilio.apiUrl, demo.urls.twilio);
  assert.equal(config.fcm.apiUrl, demo.urls.fcm);
  assert.equal(config.publicBaseUrl, API);
});
