import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  DEMO_CREDENTIALS,
  DEMO_KEPT_MESSAGES,
  startDemoProviders,
} from '../../../src/notifications/demo-providers';
import { RecentMessages } from '../../../src/simulators/recent-messages';
import { startTwilioSimulator, type TwilioSimulator } from '../../../src/simulators/twilio';

const started: Array<{ close(): Promise<unknown> }> = [];
after(() => Promise.all(started.map((server) => server.close())));

test('a simulator store keeps the latest messages and counts all of them', () => {
  const kept = new RecentMessages<number>(3);
  for (let i = 1; i <= 5; i++) kept.add(i);
  assert.deepEqual(kept.list(), [3, 4, 5]);
  assert.equal(kept.total, 5);
  const all = new RecentMessages<number>();
  for (let i = 1; i <= 5; i++) all.add(i);
  assert.deepEqual(all.list(), [1, 2, 3, 4, 5]);
});

async function sendSms(
  sim: Pick<TwilioSimulator, 'url'>,
  body: string,
  credentials = { sid: 'ACtest', token: 'token' },
): Promise<number> {
  const basic = Buffer.from(`${credentials.sid}:${credentials.token}`).toString('base64');
  const answer = await fetch(`${sim.url}/2010-04-01/Accounts/${credentials.sid}/Messages.json`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ To: '+14155550123', From: '+15005550006', Body: body }).toString(),
  });
  await answer.arrayBuffer();
  return answer.status;
}

test('a simulator told to keep N messages answers the latest N and the total at /_sim/received', async () => {
  const sim = await startTwilioSimulator({ accountSid: 'ACtest', authToken: 'token', keepReceived: 2 });
  started.push(sim);
  for (const body of ['one', 'two', 'three']) assert.equal(await sendSms(sim, body), 201);
  const answer = (await (await fetch(`${sim.url}/_sim/received`)).json()) as {
    received: Array<{ body: string }>;
    total: number;
  };
  assert.deepEqual(
    answer.received.map((message) => message.body),
    ['two', 'three'],
  );
  assert.equal(answer.total, 3);
  assert.deepEqual(
    sim.received().map((message) => message.body),
    ['two', 'three'],
  );
});

test("npm start's simulators keep only the latest messages", async () => {
  const demo = await startDemoProviders('http://127.0.0.1:3999', { env: {} });
  started.push(demo);
  const twilio = { url: demo.urls.twilio! };
  const credentials = { sid: DEMO_CREDENTIALS.TWILIO_ACCOUNT_SID, token: DEMO_CREDENTIALS.TWILIO_AUTH_TOKEN };
  for (let i = 0; i <= DEMO_KEPT_MESSAGES; i++)
    assert.equal(await sendSms(twilio, `sms ${i}`, credentials), 201);
  const answer = (await (await fetch(`${twilio.url}/_sim/received`)).json()) as {
    received: Array<{ body: string }>;
    total: number;
  };
  assert.equal(answer.received.length, DEMO_KEPT_MESSAGES);
  assert.equal(answer.received[0]?.body, 'sms 1');
  assert.equal(answer.total, DEMO_KEPT_MESSAGES + 1);
});
