import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createFedexClient, type FedexClient } from '../../../src/carriers/fedex/fedex-client';
import {
  CarrierAuthRejectedError,
  CarrierRequestRejectedError,
  CarrierUnavailableError,
  nonRetryableErrorTypes,
} from '../../../src/carriers/http/errors';
import { createCarrierActivities } from '../../../src/carriers/polling/carrier-activities';
import { createUpsClient, type UpsClient } from '../../../src/carriers/ups/ups-client';
import {
  DEFAULT_SIMULATOR_CREDENTIALS,
  startCarrierSimulator,
  type CarrierSimulator,
} from '../../../src/simulators/carriers/carrier-simulator';
import { subscriptionRequestErrors, validateExchange } from './support/openapi';
import { recordingFetch } from './support/recording-fetch';

const fedexNumber = (n: number) => `7946${String(n).padStart(8, '0')}`;
const upsNumber = (n: number) => `1Z999AA1${String(n).padStart(10, '0')}`;

describe('carrier clients against the carrier simulator', () => {
  let sim: CarrierSimulator;
  let recorder: ReturnType<typeof recordingFetch>;
  let sleeps: number[];
  let fedex: FedexClient;
  let ups: UpsClient;

  function clients(overrides: { maxAttempts?: number } = {}) {
    const common = {
      fetch: recorder.fetch,
      sleep: async (ms: number) => void sleeps.push(ms),
      initialDelayMs: 10,
      ...overrides,
    };
    return {
      fedex: createFedexClient({
        baseUrl: sim.url,
        ...DEFAULT_SIMULATOR_CREDENTIALS.fedex,
        shipmentRegistrationUrl: `${sim.url}/simulator/shipments`,
        ...common,
      }),
      ups: createUpsClient({
        baseUrl: sim.url,
        ...DEFAULT_SIMULATOR_CREDENTIALS.ups,
        transactionSrc: 'ost-tests',
        ...common,
      }),
    };
  }

  before(async () => {
    sim = await startCarrierSimulator();
    recorder = recordingFetch();
    sleeps = [];
    ({ fedex, ups } = clients());
  });

  after(async () => {
    await sim.close();
  });

  it('tracks a FedEx shipment through its scenario, caching the OAuth token', async () => {
    const number = fedexNumber(1);
    await fedex.registerShipment({ trackingNumber: number, service: 'FEDEX_GROUND' });
    const before = sim.stats().tokenRequests.fedex;
    await sim.advance(number);
    await sim.advance(number);
    const first = await fedex.track([number]);
    await sim.advance(number);
    const [second] = await fedex.track([number]);
    assert.equal(first[0]?.found, true);
    assert.ok(second?.found);
    assert.deepEqual(
      second.events.map((e) => e.status),
      ['pre_transit', 'picked_up', 'in_transit'],
    );
    assert.equal(second.latestStatus, 'in_transit');
    assert.match(second.estimatedDelivery ?? '', /^\d{4}-\d{2}-\d{2}T/);
    assert.ok(second.events.every((e) => e.via === 'poll' && e.carrier === 'fedex'));
    assert.equal(sim.stats().tokenRequests.fedex - before, 0, 'the token fetched for registration is reused');
  });

  it('refreshes the token once after a 401 and carries on', async () => {
    const number = fedexNumber(1);
    const tokensBefore = sim.stats().tokenRequests.fedex;
    sim.expireTokens();
    const [lookup] = await fedex.track([number]);
    assert.equal(lookup?.found, true);
    assert.equal(sim.stats().tokenRequests.fedex, tokensBefore + 1);
    const [again] = await fedex.track([number]);
    assert.equal(again?.found, true);
    assert.equal(sim.stats().tokenRequests.fedex, tokensBefore + 1);
  });

  it('batches FedEx lookups 30 numbers per request', async () => {
    const numbers = Array.from({ length: 65 }, (_, i) => fedexNumber(100 + i));
    for (const trackingNumber of numbers.slice(0, 40))
      sim.createShipment({ carrier: 'fedex', trackingNumber });
    const batchesBefore = sim.stats().fedexTrackBatches.length;
    const lookups = await fedex.track(numbers);
    assert.deepEqual(sim.stats().fedexTrackBatches.slice(batchesBefore), [30, 30, 5]);
    assert.deepEqual(
      lookups.map((l) => l.trackingNumber),
      numbers,
    );
    assert.equal(lookups.filter((l) => l.found).length, 40);
  });

  it('returns FedEx and UPS not-found answers as results', async () => {
    const [fedexMissing] = await fedex.track(['999999999999']);
    assert.deepEqual(
      fedexMissing && !fedexMissing.found && fedexMissing.carrierCode,
      'TRACKING.TRACKINGNUMBER.NOTFOUND',
    );
    const upsMissing = await ups.track(upsNumber(404));
    assert.equal(upsMissing.found, false);
    assert.equal(!upsMissing.found && upsMissing.carrierCode, 'TW0001');
  });

  it('subscribes a UPS number to Track Alert and tracks it', async () => {
    const number = upsNumber(1);
    const result = await ups.subscribe([number, '1Z-not-valid']);
    assert.deepEqual(result, { validTrackingNumbers: [number], invalidTrackingNumbers: ['1Z-not-valid'] });
    await sim.advance(number);
    await sim.advance(number);
    const lookup = await ups.track(number);
    assert.ok(lookup.found);
    assert.deepEqual(
      lookup.events.map((e) => [e.rawCode, e.status]),
      [
        ['MP', 'pre_transit'],
        ['PU', 'picked_up'],
      ],
    );
    assert.match(lookup.estimatedDelivery ?? '', /^\d{4}-\d{2}-\d{2}$/);
  });

  it('answers Track Alert v1 subscriptions as the v1 spec reads them: no destination is VSS500', async () => {
    const basic = Buffer.from(
      `${DEFAULT_SIMULATOR_CREDENTIALS.ups.clientId}:${DEFAULT_SIMULATOR_CREDENTIALS.ups.clientSecret}`,
    ).toString('base64');
    const tokenAnswer = await fetch(`${sim.url}/security/v1/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const { access_token: token } = (await tokenAnswer.json()) as { access_token: string };
    const headers = { transId: 'sub-v1', transactionSrc: 'ost-tests', 'content-type': 'application/json' };
    const destination = {
      url: 'https://hooks.example.com/webhooks/ups',
      credentialType: 'Bearer',
      credential: 'c'.repeat(24),
    };
    const base = { locale: 'en_US', trackingNumberList: [upsNumber(40)] };
    const cases: { body: object; code?: string }[] = [
      { body: { ...base, destination } },
      { body: base, code: 'VSS500' },
      { body: { ...base, destination: { ...destination, url: undefined } }, code: 'VSS600' },
      { body: { ...base, destination: { ...destination, credential: undefined } }, code: 'VSS700' },
      { body: { ...base, destination: { ...destination, credentialType: undefined } }, code: 'VSS800' },
      { body: { trackingNumberList: base.trackingNumberList, destination }, code: 'VSS300' },
    ];
    for (const { body, code } of cases) {
      const response = await fetch(`${sim.url}/api/track/v1/subscription/standard/package`, {
        method: 'POST',
        headers: { ...headers, authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      const answer = (await response.json()) as { response?: { errors: { code: string }[] } };
      assert.equal(response.status, code ? 400 : 200, JSON.stringify(body));
      assert.equal(answer.response?.errors[0]?.code, code);
      const specErrors = subscriptionRequestErrors('v1', headers, JSON.parse(JSON.stringify(body)));
      assert.equal(
        specErrors !== undefined,
        code !== undefined,
        `the v1 spec agrees on ${JSON.stringify(body)}`,
      );
    }
    const stored = (await (await fetch(`${sim.url}/simulator/shipments/${upsNumber(40)}`)).json()) as {
      trackAlertDestination?: unknown;
    };
    assert.deepEqual(stored.trackAlertDestination, destination);
  });

  it('subscribes through Track Alert v1 with the destination the client was given', async () => {
    const number = upsNumber(41);
    const destination = { url: 'https://hooks.example.com/webhooks/ups', credential: 'd'.repeat(24) };
    const v1 = createUpsClient({
      baseUrl: sim.url,
      ...DEFAULT_SIMULATOR_CREDENTIALS.ups,
      transactionSrc: 'ost-tests',
      fetch: recorder.fetch,
      webhookDestination: destination,
    });
    const result = await v1.subscribe([number]);
    assert.deepEqual(result.validTrackingNumbers, [number]);
    const stored = (await (await fetch(`${sim.url}/simulator/shipments/${number}`)).json()) as {
      trackAlertDestination?: unknown;
    };
    assert.deepEqual(stored.trackAlertDestination, { ...destination, credentialType: 'Bearer' });
  });

  it('waits out 429 answers as Retry-After says', async () => {
    sleeps.length = 0;
    sim.injectFaults('ups', { status: 429, retryAfterSeconds: 2 }, 2);
    sim.injectFaults('fedex', { status: 429, retryAfterSeconds: 1 }, 1);
    assert.equal((await ups.track(upsNumber(1))).found, true);
    assert.equal((await fedex.track([fedexNumber(1)]))[0]?.found, true);
    assert.deepEqual(sleeps, [2000, 2000, 1000]);
  });

  it('plays the rate-limited scenario as 429 bursts on the tracking API', async () => {
    const number = upsNumber(429);
    sim.createShipment({ carrier: 'ups', trackingNumber: number, scenario: 'rate_limited' });
    await sim.advance(number);
    await sim.advance(number); // the pick-up step starts a burst of two 429s
    sleeps.length = 0;
    const lookup = await ups.track(number);
    assert.ok(lookup.found);
    assert.equal(lookup.latestStatus, 'picked_up');
    assert.deepEqual(sleeps, [1000, 1000]);
  });

  it('runs scenarios on a timer for the demo', async () => {
    const timed = await startCarrierSimulator({ stepIntervalMs: 20, minStepGapMs: 1000 });
    try {
      const number = fedexNumber(2024);
      timed.createShipment({
        carrier: 'fedex',
        trackingNumber: number,
        scenario: 'exception_then_delivered',
      });
      const client = createFedexClient({ baseUrl: timed.url, ...DEFAULT_SIMULATOR_CREDENTIALS.fedex });
      let statuses: string[] = [];
      for (let i = 0; i < 100 && statuses.at(-1) !== 'delivered'; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const [lookup] = await client.track([number]);
        statuses = lookup?.found ? lookup.events.map((e) => e.status) : [];
      }
      assert.deepEqual(statuses, [
        'pre_transit',
        'picked_up',
        'in_transit',
        'exception',
        'in_transit',
        'out_for_delivery',
        'delivered',
      ]);
    } finally {
      await timed.close();
    }
  });

  it('retries 5xx with backoff', async () => {
    sleeps.length = 0;
    sim.injectFaults('fedex', { status: 503 }, 2);
    assert.equal((await fedex.track([fedexNumber(1)]))[0]?.found, true);
    assert.deepEqual(sleeps, [10, 20]);
  });

  it('gives up with a retryable error when 5xx persists', async () => {
    const bounded = clients({ maxAttempts: 3 });
    sim.injectFaults('ups', { status: 500 }, 3);
    const error = await bounded.ups.track(upsNumber(1)).catch((e: unknown) => e);
    assert.ok(error instanceof CarrierUnavailableError);
    assert.equal(error.name, 'CarrierUnavailable');
    assert.ok(!nonRetryableErrorTypes.includes(error.name));
  });

  it('fails other 4xx at once with a typed non-retryable error', async () => {
    sim.injectFaults('fedex', { status: 400 }, 1);
    const calls = sim.stats().faultsServed;
    const error = await fedex.track([fedexNumber(1)]).catch((e: unknown) => e);
    assert.ok(error instanceof CarrierRequestRejectedError);
    assert.equal(error.httpStatus, 400);
    assert.ok(nonRetryableErrorTypes.includes(error.name));
    assert.equal(sim.stats().faultsServed, calls + 1, 'not retried');
  });

  it('reports refused credentials as non-retryable', async () => {
    const wrong = createUpsClient({
      baseUrl: sim.url,
      clientId: 'nobody',
      clientSecret: 'nothing',
      sleep: async () => {},
    });
    const error = await wrong.track(upsNumber(1)).catch((e: unknown) => e);
    assert.ok(error instanceof CarrierAuthRejectedError);
    assert.ok(nonRetryableErrorTypes.includes(error.name));
  });

  it('polls and registers through the activities', async () => {
    const activities = createCarrierActivities(clients());
    const fedexNo = fedexNumber(7);
    const upsNo = upsNumber(7);
    await activities.registerShipment({ carrier: 'fedex', trackingNumber: fedexNo, service: 'FEDEX_GROUND' });
    await activities.registerShipment({ carrier: 'ups', trackingNumber: upsNo, service: 'UPS Ground' });
    await sim.runToEnd(fedexNo);
    await sim.runToEnd(upsNo);
    const batches = sim.stats().fedexTrackBatches.length;
    const [fedexPoll, otherPoll, upsPoll, missing] = await Promise.all([
      activities.pollTracking({ carrier: 'fedex', trackingNumber: fedexNo }),
      activities.pollTracking({ carrier: 'fedex', trackingNumber: fedexNumber(1) }),
      activities.pollTracking({ carrier: 'ups', trackingNumber: upsNo }),
      activities.pollTracking({ carrier: 'ups', trackingNumber: upsNumber(999) }),
    ]);
    assert.equal(
      sim.stats().fedexTrackBatches.length,
      batches + 1,
      'concurrent FedEx polls share one request',
    );
    assert.equal(otherPoll.found, true);
    assert.equal(fedexPoll.events.at(-1)?.status, 'delivered');
    assert.equal(upsPoll.events.at(-1)?.status, 'delivered');
    assert.equal(fedexPoll.estimatedDelivery, undefined);
    assert.deepEqual(missing, { found: false, events: [] });
    await assert.rejects(
      activities.registerShipment({
        carrier: 'ups',
        trackingNumber: 'NOT-A-UPS-NUMBER',
        service: 'UPS Ground',
      }),
      CarrierRequestRejectedError,
    );
  });

  it('sent only spec-conformant requests and got spec-conformant answers', () => {
    const kinds = new Set(recorder.exchanges.map((exchange) => validateExchange(exchange)));
    assert.deepEqual([...kinds].sort(), [
      'fedex-oauth',
      'fedex-track',
      'simulator-registration',
      'ups-oauth',
      'ups-subscribe',
      'ups-track',
    ]);
    assert.ok(recorder.exchanges.length > 20);
  });
});
