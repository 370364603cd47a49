import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import pino from 'pino';
import { createUnknownTrackingLog } from '../../../src/carriers/unknown-tracking-log';
import {
  createCarrierWebhookRouter,
  type CarrierWebhookSecrets,
} from '../../../src/carriers/webhooks/webhook-router';
import { signFedexBody } from '../../../src/carriers/webhooks/fedex-webhook';
import type { CarrierTrackingEvent } from '../../../src/domain/tracking-status';
import { createUpsClient } from '../../../src/carriers/ups/ups-client';
import {
  DEFAULT_SIMULATOR_CREDENTIALS,
  startCarrierSimulator,
  type CarrierSimulator,
} from '../../../src/simulators/carriers/carrier-simulator';
import type { SimulatorWebhookSecrets } from '../../../src/simulators/carriers/webhook-pusher';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { readSpecJson } from '../../unit/carriers/spec-files';
import { signAfterShipBody } from '../../../src/carriers/webhooks/aftership-webhook';
import { signEasyPostBody } from '../../../src/carriers/webhooks/easypost-webhook';
import { validateFedexPush, validateTrackAlertPush, validateTrackAlertV1Push } from './support/openapi';

const upsOauth = { clientId: 'ups-track-alert', clientSecret: 'ups-track-alert-secret' };
const UPS_DESTINATION_CREDENTIAL = 'ups-destination-credential-5f1c';
const simulatorSecrets = {
  fedex: { securityToken: 'fedex-project-token' },
  ups: upsOauth,
  easypost: { webhookSecret: 'easypost-secret' },
  aftership: { webhookSecret: 'aftership-secret' },
} satisfies SimulatorWebhookSecrets;
const secrets = {
  ...simulatorSecrets,
  ups: { credential: UPS_DESTINATION_CREDENTIAL, oauth: upsOauth },
} satisfies CarrierWebhookSecrets;

async function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

describe('carrier webhooks pushed by the simulator into the service router', () => {
  let db: TestDatabase;
  let sim: CarrierSimulator;
  let service: { server: Server; url: string };
  let recorder: { server: Server; url: string };
  const received: CarrierTrackingEvent[] = [];
  const recorded: Array<{ path: string; headers: Record<string, string>; body: unknown }> = [];
  const knownNumbers = new Set<string>();

  before(async () => {
    db = await createTestDatabase('ost_carriers');
    const unknownLog = createUnknownTrackingLog(db.db);
    const app = express();
    app.use(
      createCarrierWebhookRouter({
        secrets,
        logger: pino({ level: 'silent' }),
        // The service decides what a number no order owns means; here: record it for ops.
        onEvents: async (events) => {
          received.push(...events);
          await unknownLog.record(events.filter((event) => !knownNumbers.has(event.trackingNumber)));
        },
      }),
    );
    app.use(express.json());
    app.post('/after-the-router', (req, res) => void res.json({ echo: req.body as unknown }));
    service = await listen(app);

    const spy = express();
    spy.post(
      '/webhooks/ups/token',
      (_req, res) => void res.json({ access_token: 'recorder', token_type: 'Bearer', expires_in: 3600 }),
    );
    spy.post('/webhooks/:channel', express.raw({ type: () => true }), (req, res) => {
      recorded.push({
        path: req.path,
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        body: JSON.parse((req.body as Buffer).toString('utf8')) as unknown,
      });
      res.status(202).end();
    });
    recorder = await listen(spy);

    sim = await startCarrierSimulator({ webhookTargetUrl: service.url, webhookSecrets: simulatorSecrets });
  });

  after(async () => {
    await sim.close();
    await close(service.server);
    await close(recorder.server);
    await db.drop();
  });

  const upsClient = () => createUpsClient({ baseUrl: sim.url, ...DEFAULT_SIMULATOR_CREDENTIALS.ups });
  /** A Track Alert v1 client: its subscriptions name where pushes go and the credential they carry. */
  const upsV1Client = (url: string, credential = UPS_DESTINATION_CREDENTIAL) =>
    createUpsClient({
      baseUrl: sim.url,
      ...DEFAULT_SIMULATOR_CREDENTIALS.ups,
      webhookDestination: { url: `${url}/webhooks/ups`, credential },
    });
  const eventsFor = (trackingNumber: string, via?: CarrierTrackingEvent['via']) =>
    received.filter((e) => e.trackingNumber === trackingNumber && (via === undefined || e.via === via));

  it('delivers a FedEx shipment by fdx-signed pushes', async () => {
    const number = '794600000001';
    knownNumbers.add(number);
    sim.createShipment({ carrier: 'fedex', trackingNumber: number, scenario: 'normal_delivery' });
    const results = await sim.runToEnd(number);
    assert.ok(results.every((r) => r.deliveries.every((d) => d.status === 202)));
    assert.deepEqual(
      eventsFor(number, 'fedex').map((e) => e.status),
      ['pre_transit', 'picked_up', 'in_transit', 'in_transit', 'in_transit', 'out_for_delivery', 'delivered'],
    );
  });

  it('delivers a UPS shipment by Track Alert pushes after subscription', async () => {
    const number = '1Z999AA10000000001';
    knownNumbers.add(number);
    sim.createShipment({ carrier: 'ups', trackingNumber: number, scenario: 'failed_attempts_return' });
    const unsubscribed = await sim.advance(number);
    assert.deepEqual(unsubscribed.deliveries, [], 'no pushes before the Track Alert subscription');
    const subscribe = await fetch(`${sim.url}/api/track/v2/subscription/standard/package`, {
      method: 'POST',
      headers: { authorization: 'Bearer none' },
    });
    assert.equal(subscribe.status, 401);
    const subscription = await upsClient().subscribe([number]);
    assert.deepEqual(subscription.validTrackingNumbers, [number]);
    await sim.runToEnd(number);
    const statuses = eventsFor(number, 'ups').map((e) => e.status);
    assert.deepEqual(statuses.slice(-4), [
      'out_for_delivery',
      'delivery_attempted',
      'returned_to_sender',
      'returned_to_sender',
    ]);
    assert.equal(statuses.filter((s) => s === 'delivery_attempted').length, 3);
  });

  it('delivers a UPS shipment by Track Alert v1 pushes to the subscription destination', async () => {
    const number = '1Z999AA10000000003';
    knownNumbers.add(number);
    sim.createShipment({ carrier: 'ups', trackingNumber: number, scenario: 'normal_delivery' });
    const subscription = await upsV1Client(service.url).subscribe([number]);
    assert.deepEqual(subscription.validTrackingNumbers, [number]);
    const results = await sim.runToEnd(number);
    for (const delivery of results.flatMap((r) => r.deliveries)) {
      assert.equal(delivery.url, `${service.url}/webhooks/ups`);
      assert.equal(delivery.status, 202, delivery.error);
    }
    assert.deepEqual(
      eventsFor(number, 'ups').map((e) => e.status),
      ['pre_transit', 'picked_up', 'in_transit', 'in_transit', 'in_transit', 'out_for_delivery', 'delivered'],
    );
  });

  it('refuses Track Alert v1 pushes carrying another credential than the service holds', async () => {
    const number = '1Z999AA10000000004';
    sim.createShipment({ carrier: 'ups', trackingNumber: number, scenario: 'normal_delivery' });
    await upsV1Client(service.url, 'a-credential-the-service-does-not-hold').subscribe([number]);
    const step = await sim.advance(number);
    assert.deepEqual(
      step.deliveries.map((d) => d.status),
      [401],
    );
    assert.equal(eventsFor(number).length, 0);
  });

  it('carries the aggregators: EasyPost and AfterShip pushes give the same event IDs as the carrier', async () => {
    const number = '794600000002';
    knownNumbers.add(number);
    sim.createShipment({
      carrier: 'fedex',
      trackingNumber: number,
      scenario: 'delay_revised_edd',
      channels: ['fedex', 'easypost', 'aftership'],
    });
    const results = await sim.runToEnd(number);
    assert.ok(results.every((r) => r.deliveries.length === 3 && r.deliveries.every((d) => d.status === 202)));
    const direct = new Set(eventsFor(number, 'fedex').map((e) => e.eventId));
    const viaEasyPost = new Set(eventsFor(number, 'easypost').map((e) => e.eventId));
    const viaAfterShip = new Set(eventsFor(number, 'aftership').map((e) => e.eventId));
    assert.equal(direct.size, 7);
    assert.deepEqual([...viaEasyPost].sort(), [...direct].sort());
    assert.deepEqual([...viaAfterShip].sort(), [...direct].sort());
    const delay = results.find((r) => r.kind === 'delay');
    const before = results[0]?.estimatedDelivery ?? '';
    assert.ok(delay && delay.estimatedDelivery > before, 'the delay revises the estimated delivery date');
    assert.equal(eventsFor(number, 'easypost').find((e) => e.rawCode === 'DD')?.status, 'exception');
  });

  it('repeats duplicate pushes with identical event IDs', async () => {
    const number = '794600000003';
    knownNumbers.add(number);
    sim.createShipment({ carrier: 'fedex', trackingNumber: number, scenario: 'duplicates' });
    await sim.runToEnd(number);
    const events = eventsFor(number, 'fedex');
    assert.equal(events.length, 3 + 3 + 3 + 3 + 5);
    assert.equal(new Set(events.map((e) => e.eventId)).size, 5);
  });

  it('stamps out-of-order scans with their earlier carrier time', async () => {
    const number = '1Z999AA10000000002';
    knownNumbers.add(number);
    sim.createShipment({
      carrier: 'ups',
      trackingNumber: number,
      scenario: 'out_of_order',
      channels: ['aftership'],
    });
    await sim.runToEnd(number);
    const latestPush = eventsFor(number, 'aftership').slice(-5);
    const delivered = latestPush.find((e) => e.status === 'delivered');
    const late = latestPush.find((e) => e.status === 'out_for_delivery');
    assert.ok(delivered && late);
    assert.ok(Date.parse(late.occurredAt) < Date.parse(delivered.occurredAt));
  });

  it('records numbers no order owns for ops, one row each', async () => {
    sim.createShipment({ carrier: 'fedex', trackingNumber: '794699999999', scenario: 'duplicates' });
    await sim.advance('794699999999');
    await sim.advance('794699999999');
    const rows = (await createUnknownTrackingLog(db.db).list()).filter(
      (row) => row.trackingNumber === '794699999999',
    );
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.eventCount, 6);
    assert.equal(rows[0]?.lastEvent.status, 'picked_up');
  });

  it('rejects pushes signed with the wrong secrets and hands nothing over', async () => {
    const forger = await startCarrierSimulator({
      webhookTargetUrl: service.url,
      webhookSecrets: {
        fedex: { securityToken: 'guessed' },
        ups: { clientId: upsOauth.clientId, clientSecret: 'guessed' },
        easypost: { webhookSecret: 'guessed' },
        aftership: { webhookSecret: 'guessed' },
      },
    });
    try {
      const number = '794600000009';
      forger.createShipment({
        carrier: 'fedex',
        trackingNumber: number,
        channels: ['fedex', 'easypost', 'aftership'],
      });
      const result = await forger.advance(number);
      assert.deepEqual(
        result.deliveries.map((d) => d.status),
        [401, 401, 401],
      );
      const upsNumber = '1Z999AA10000000009';
      forger.createShipment({ carrier: 'ups', trackingNumber: upsNumber, channels: ['aftership'] });
      const forgedBearer = await fetch(`${service.url}/webhooks/ups`, {
        method: 'POST',
        headers: { authorization: 'Bearer eyJzdWIiOiJ4In0.AAAA', 'content-type': 'application/json' },
        body: '{}',
      });
      assert.equal(forgedBearer.status, 401);
      const wrongClient = await fetch(`${service.url}/webhooks/ups/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${upsOauth.clientId}:guessed`).toString('base64')}`,
        },
        body: 'grant_type=client_credentials',
      });
      assert.equal(wrongClient.status, 401);
      assert.equal(eventsFor(number).length, 0);
      const unsigned = await fetch(`${service.url}/webhooks/easypost`, { method: 'POST', body: '{}' });
      assert.equal(unsigned.status, 401);
      assert.match(unsigned.headers.get('content-type') ?? '', /^application\/problem\+json/);
      const problem = (await unsigned.json()) as { code: string; detail: string };
      assert.equal(problem.code, 'invalid_signature');
      assert.match(problem.detail, /missing/);
    } finally {
      await forger.close();
    }
  });

  it('accepts a Track Alert push authenticated the way UPS does it: the credential header', async () => {
    // An out-for-delivery TrackingEvent with the fields the Track Alert spec documents.
    const number = '1Z204W4R0308071865';
    const body = JSON.stringify({
      trackingNumber: number,
      localActivityDate: '20240423',
      localActivityTime: '091519',
      activityLocation: { city: 'Charlotte', stateProvince: 'NC', postalCode: '30004', country: 'US' },
      activityStatus: { type: 'I', code: 'OT', description: 'Out for Delivery', descriptionCode: '021' },
      scheduledDeliveryDate: '20240423',
      gmtActivityDate: '20240423',
      gmtActivityTime: '131519',
      gmtOffset: '-04.00',
      deliveryTimeDescription: 'end of day',
    });
    const push = (headers: Record<string, string>) =>
      fetch(`${service.url}/webhooks/ups`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'UPSPubSubTrackingService', ...headers },
        body,
      });
    validateTrackAlertPush({ 'user-agent': 'UPSPubSubTrackingService' }, JSON.parse(body));

    const missing = await push({});
    assert.equal(missing.status, 401);
    assert.match(((await missing.json()) as { detail: string }).detail, /credential header is missing/);
    const wrong = await push({ credential: 'not-the-credential' });
    assert.equal(wrong.status, 401);
    assert.match(((await wrong.json()) as { detail: string }).detail, /does not match/);
    assert.equal(eventsFor(number, 'ups').length, 0);

    const accepted = await push({ credential: UPS_DESTINATION_CREDENTIAL });
    assert.equal(accepted.status, 202, await accepted.text());
    assert.deepEqual(
      eventsFor(number, 'ups').map((event) => event.status),
      ['out_for_delivery'],
    );
  });

  it('says whether a carrier signature header is missing or does not match', async () => {
    const body = '{"trackingNumber":"794600000013"}';
    const cases = [
      { path: '/webhooks/fedex', header: 'fdx-signature', forged: signFedexBody(body, 'guessed') },
      { path: '/webhooks/easypost', header: 'x-hmac-signature', forged: signEasyPostBody(body, 'guessed') },
      {
        path: '/webhooks/aftership',
        header: 'aftership-hmac-sha256',
        forged: signAfterShipBody(body, 'guessed'),
      },
    ];
    for (const { path, header, forged } of cases) {
      const post = async (headers: Record<string, string>) => {
        const response = await fetch(`${service.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body,
        });
        assert.equal(response.status, 401);
        assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
        return ((await response.json()) as { detail: string }).detail;
      };
      assert.equal(await post({}), `The ${header} header is missing.`);
      assert.equal(await post({ [header]: forged }), `The ${header} signature does not match the body.`);
    }
  });

  it('answers 400 naming the problem for a signed but malformed body', async () => {
    const body = '{"trackingNumber":"794600000010","trackResults":"soon"}';
    const response = await fetch(`${service.url}/webhooks/fedex`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'fdx-signature': signFedexBody(body, secrets.fedex.securityToken),
      },
      body,
    });
    assert.equal(response.status, 400);
    const problem = (await response.json()) as { status: number; code: string; detail: string };
    assert.equal(problem.status, 400);
    assert.equal(problem.code, 'malformed_body');
    assert.match(problem.detail, /trackResults: /);
    const echo = await fetch(`${service.url}/after-the-router`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"still":"parsed"}',
    });
    assert.deepEqual(await echo.json(), { echo: { still: 'parsed' } });
  });

  it('pushes bodies that match the carriers specs and the real EasyPost event', async () => {
    sim.setWebhookTarget(recorder.url);
    const fedexNo = '794600000011';
    const upsNo = '1Z999AA10000000011';
    sim.createShipment({
      carrier: 'fedex',
      trackingNumber: fedexNo,
      channels: ['fedex', 'easypost', 'aftership'],
    });
    const upsV1No = '1Z999AA10000000012';
    sim.createShipment({ carrier: 'ups', trackingNumber: upsNo, scenario: 'exception_then_delivered' });
    sim.createShipment({ carrier: 'ups', trackingNumber: upsV1No, scenario: 'normal_delivery' });
    await upsClient().subscribe([upsNo]);
    await upsV1Client(recorder.url).subscribe([upsV1No]);
    await sim.runToEnd(fedexNo);
    await sim.runToEnd(upsNo);
    await sim.runToEnd(upsV1No);
    sim.setWebhookTarget(service.url);

    const byPath = (path: string) => recorded.filter((r) => r.path === path);
    assert.equal(byPath('/webhooks/fedex').length, 7);
    for (const push of byPath('/webhooks/fedex')) validateFedexPush(push.body);
    const upsPushes = (number: string) =>
      byPath('/webhooks/ups').filter((r) => (r.body as { trackingNumber: string }).trackingNumber === number);
    assert.equal(upsPushes(upsNo).length, 7);
    for (const push of upsPushes(upsNo)) validateTrackAlertPush(push.headers, push.body);
    assert.equal(upsPushes(upsV1No).length, 7);
    for (const push of upsPushes(upsV1No)) {
      validateTrackAlertV1Push(push.headers, push.body);
      assert.equal(push.headers.credential, UPS_DESTINATION_CREDENTIAL);
      assert.equal(push.headers['user-agent'], 'UPSPubSubTrackingService');
      assert.equal(push.headers.authorization, undefined, 'v1 pushes carry no bearer token');
    }

    const real = readSpecJson<
      Record<string, unknown> & { result: Record<string, unknown> & { tracking_details: object[] } }
    >('aggregators/easypost-tracker-updated-event.json');
    for (const push of byPath('/webhooks/easypost')) {
      const body = push.body as typeof real;
      assert.deepEqual(Object.keys(body).sort(), Object.keys(real).sort());
      assert.deepEqual(Object.keys(body.result).sort(), Object.keys(real.result).sort());
      assert.deepEqual(
        Object.keys(body.result.tracking_details[0] ?? {}).sort(),
        Object.keys(real.result.tracking_details[0] ?? {}).sort(),
      );
    }
    assert.equal(byPath('/webhooks/aftership').length, 7);
  });
});
