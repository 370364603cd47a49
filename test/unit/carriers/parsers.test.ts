import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFedexCompleteTrackResult } from '../../../src/carriers/fedex/fedex-track-parser';
import { fedexTrackResponseSchema } from '../../../src/carriers/fedex/fedex-track-schema';
import { parseUpsTrackResponse } from '../../../src/carriers/ups/ups-track-parser';
import { upsTrackResponseSchema } from '../../../src/carriers/ups/ups-track-schema';
import { parseAfterShipWebhook } from '../../../src/carriers/webhooks/aftership-webhook';
import { parseEasyPostWebhook } from '../../../src/carriers/webhooks/easypost-webhook';
import { parseFedexWebhook } from '../../../src/carriers/webhooks/fedex-webhook';
import { parseUpsTrackAlert } from '../../../src/carriers/webhooks/ups-webhook';
import { trackingEventId } from '../../../src/carriers/event-id';
import { readSpecText, readSpecYaml } from './spec-files';

const fedexResponse = {
  transactionId: 't-1',
  output: {
    completeTrackResults: [
      {
        trackingNumber: '794644790132',
        trackResults: [
          {
            trackingNumberInfo: { trackingNumber: '794644790132' },
            latestStatusDetail: {
              code: 'OD',
              derivedCode: 'OD',
              description: 'On FedEx vehicle for delivery',
            },
            dateAndTimes: [{ type: 'ESTIMATED_DELIVERY', dateTime: '2024-08-05T00:00:00-05:00' }],
            estimatedDeliveryTimeWindow: {
              window: { begins: '2024-08-05T09:00:00-05:00', ends: '2024-08-05T17:00:00-05:00' },
            },
            scanEvents: [
              {
                date: '2024-08-05T07:10:00-05:00',
                eventType: 'OD',
                eventDescription: 'On FedEx vehicle for delivery',
                scanLocation: { city: 'BROOKLYN', stateOrProvinceCode: 'NY', countryCode: 'US' },
              },
              { date: '2024-08-02T13:01:00-05:00', eventType: 'PU', eventDescription: 'Picked up' },
              {
                date: '2024-08-03T03:00:00-05:00',
                eventType: 'SE',
                eventDescription: 'Shipment exception',
                exceptionDescription: 'Weather delay',
              },
              { eventType: 'IT', eventDescription: 'no date: cannot be placed' },
            ],
          },
        ],
      },
      {
        trackingNumber: '123456789012',
        trackResults: [
          {
            trackingNumberInfo: { trackingNumber: '123456789012' },
            error: { code: 'TRACKING.TRACKINGNUMBER.NOTFOUND', message: 'Tracking number cannot be found.' },
          },
        ],
      },
    ],
  },
};

describe('FedEx track response parser', () => {
  const parsed = fedexTrackResponseSchema.parse(fedexResponse);
  const [found, missing] = parsed.output.completeTrackResults.flatMap((c) =>
    parseFedexCompleteTrackResult(c, 'poll'),
  );

  it('turns scan events into normalized events, oldest first', () => {
    assert.ok(found?.found);
    assert.deepEqual(
      found.events.map((e) => [e.rawCode, e.status, e.occurredAt]),
      [
        ['PU', 'picked_up', '2024-08-02T18:01:00.000Z'],
        ['SE', 'exception', '2024-08-03T08:00:00.000Z'],
        ['OD', 'out_for_delivery', '2024-08-05T12:10:00.000Z'],
      ],
    );
    assert.equal(found.events[1]?.rawDescription, 'Shipment exception: Weather delay');
    assert.equal(found.events[2]?.location, 'BROOKLYN, NY, US');
    assert.equal(found.latestStatus, 'out_for_delivery');
  });

  it('reads the estimated delivery window and puts it on the newest event', () => {
    assert.ok(found?.found);
    assert.equal(found.estimatedDelivery, '2024-08-05T17:00:00-05:00');
    assert.equal(found.events[2]?.estimatedDelivery, '2024-08-05T17:00:00-05:00');
    assert.equal(found.events[0]?.estimatedDelivery, undefined);
  });

  it('gives each event the stable hash ID', () => {
    assert.ok(found?.found);
    assert.equal(
      found.events[0]?.eventId,
      trackingEventId({
        carrier: 'fedex',
        trackingNumber: '794644790132',
        code: 'PU',
        occurredAt: '2024-08-02T18:01:00Z',
      }),
    );
  });

  it('returns the in-body not-found error as a result', () => {
    assert.deepEqual(missing, {
      found: false,
      carrier: 'fedex',
      trackingNumber: '123456789012',
      carrierCode: 'TRACKING.TRACKINGNUMBER.NOTFOUND',
      message: 'Tracking number cannot be found.',
    });
  });
});

describe('UPS track response parser', () => {
  const response = upsTrackResponseSchema.parse({
    trackResponse: {
      shipment: [
        {
          inquiryNumber: '1Z023E2X0214323462',
          package: [
            {
              trackingNumber: '1Z023E2X0214323462',
              deliveryDate: [
                { type: 'SDD', date: '20240806' },
                { type: 'RDD', date: '20240808' },
              ],
              currentStatus: { type: 'X', code: 'EK', statusCode: '046', description: 'Delay' },
              activity: [
                {
                  date: '20240805',
                  time: '024700',
                  gmtDate: '20240805',
                  gmtTime: '74700',
                  gmtOffset: '-05:00',
                  location: { address: { city: 'Wayne', stateProvince: 'NJ', countryCode: 'US' } },
                  status: { type: 'X', code: 'EK', statusCode: '046', description: 'Delay' },
                },
                {
                  date: '20240804',
                  time: '100000',
                  gmtDate: '20240804',
                  gmtTime: '150000',
                  status: { type: 'I', code: 'PU', statusCode: '038', description: 'Pickup Scan' },
                },
              ],
            },
          ],
        },
      ],
    },
  });

  it('parses activities (padding UPS five-digit GMT times) and the rescheduled date', () => {
    const lookup = parseUpsTrackResponse('1Z023E2X0214323462', response);
    assert.ok(lookup.found);
    assert.deepEqual(
      lookup.events.map((e) => [e.rawCode, e.status, e.occurredAt]),
      [
        ['PU', 'picked_up', '2024-08-04T15:00:00.000Z'],
        ['EK', 'exception', '2024-08-05T07:47:00.000Z'],
      ],
    );
    assert.equal(lookup.estimatedDelivery, '2024-08-08');
    assert.equal(lookup.latestStatus, 'exception');
    assert.equal(lookup.events[1]?.location, 'Wayne, NJ, US');
  });

  it('reads the TW0001 warning as not found', () => {
    const notFound = upsTrackResponseSchema.parse({
      trackResponse: {
        shipment: [
          {
            inquiryNumber: '1Z999AA10123456784',
            warnings: [{ code: 'TW0001', message: 'Tracking Information Not Found' }],
          },
        ],
      },
    });
    const lookup = parseUpsTrackResponse('1Z999AA10123456784', notFound);
    assert.deepEqual(lookup, {
      found: false,
      carrier: 'ups',
      trackingNumber: '1Z999AA10123456784',
      carrierCode: 'TW0001',
      message: 'Tracking Information Not Found',
    });
  });
});

describe('UPS Track Alert body parser', () => {
  type Example = { value: unknown };
  const spec = readSpecYaml<{
    webhooks: {
      TrackingEvent: {
        post: { requestBody: { content: { 'application/json': { examples: Record<string, Example> } } } };
      };
    };
  }>('carriers/ups-track-alert.yaml');
  const examples = spec.webhooks.TrackingEvent.post.requestBody.content['application/json'].examples;

  it('parses the spec examples', () => {
    const outForDelivery = parseUpsTrackAlert(Buffer.from(JSON.stringify(examples['1']?.value)));
    assert.ok(outForDelivery.ok);
    assert.equal(outForDelivery.events[0]?.status, 'out_for_delivery');
    assert.equal(outForDelivery.events[0]?.occurredAt, '2024-04-23T13:15:19.000Z');
    assert.equal(outForDelivery.events[0]?.estimatedDelivery, '2024-04-23');
    assert.equal(outForDelivery.events[0]?.via, 'ups');
    const delivered = parseUpsTrackAlert(Buffer.from(JSON.stringify(examples['2']?.value)));
    assert.ok(delivered.ok);
    assert.equal(delivered.events[0]?.status, 'delivered');
    assert.equal(delivered.events[0]?.rawCode, 'FS');
    assert.equal(delivered.events[0]?.estimatedDelivery, undefined);
  });

  it('names the problem of a malformed body', () => {
    const result = parseUpsTrackAlert(Buffer.from('{"trackingNumber":"1Z204W4R0308071865"}'));
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.problem, /activityStatus/);
    const notJson = parseUpsTrackAlert(Buffer.from('trackingNumber=1Z'));
    assert.match(notJson.ok ? '' : notJson.problem, /not valid JSON/);
  });
});

describe('EasyPost tracker.updated parser', () => {
  it('parses the real event from the specs', () => {
    const result = parseEasyPostWebhook(
      Buffer.from(readSpecText('aggregators/easypost-tracker-updated-event.json')),
    );
    assert.ok(result.ok);
    assert.equal(result.events.length, 7);
    assert.deepEqual(
      result.events.map((e) => [e.rawCode, e.status]),
      [
        ['OC', 'pre_transit'],
        ['PU', 'in_transit'],
        ['AR', 'in_transit'],
        ['DP', 'in_transit'],
        ['IT', 'in_transit'],
        ['IT', 'in_transit'],
        ['AR', 'in_transit'],
      ],
    );
    assert.ok(
      result.events.every((e) => e.carrier === 'fedex' && e.trackingNumber === '1' && e.via === 'easypost'),
    );
    assert.equal(result.events[6]?.estimatedDelivery, '2024-08-05T00:00:00Z');
    assert.equal(new Set(result.events.map((e) => e.eventId)).size, 7);
  });

  it('shares event IDs with the FedEx feed for the same scan', () => {
    const result = parseEasyPostWebhook(
      Buffer.from(readSpecText('aggregators/easypost-tracker-updated-event.json')),
    );
    assert.ok(result.ok);
    assert.equal(
      result.events[1]?.eventId,
      trackingEventId({
        carrier: 'fedex',
        trackingNumber: '1',
        code: 'PU',
        occurredAt: '2024-07-31T14:27:00-05:00',
      }),
    );
  });

  it('acknowledges other event kinds and untracked carriers without events', () => {
    const batch = parseEasyPostWebhook(
      Buffer.from(JSON.stringify({ id: 'evt_2', description: 'batch.created', result: {} })),
    );
    assert.deepEqual(batch.ok && batch.events, []);
    const usps = JSON.parse(readSpecText('aggregators/easypost-tracker-updated-event.json')) as {
      result: { carrier: string };
    };
    usps.result.carrier = 'USPS';
    const ignored = parseEasyPostWebhook(Buffer.from(JSON.stringify(usps)));
    assert.ok(ignored.ok);
    assert.equal(ignored.events.length, 0);
    assert.match(ignored.ignored ?? '', /USPS/);
  });

  it('names the problem of a malformed tracker', () => {
    const result = parseEasyPostWebhook(
      Buffer.from(JSON.stringify({ id: 'evt_3', description: 'tracker.updated', result: {} })),
    );
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.problem, /result\.tracking_code/);
  });
});

describe('FedEx push parser', () => {
  it('reads a CompleteTrackResult body and rejects one without results', () => {
    const complete = fedexResponse.output.completeTrackResults[0];
    const result = parseFedexWebhook(Buffer.from(JSON.stringify(complete)));
    assert.ok(result.ok);
    assert.equal(result.events.length, 3);
    assert.ok(result.events.every((e) => e.via === 'fedex'));
    const empty = parseFedexWebhook(Buffer.from(JSON.stringify({ trackingNumber: '794644790132' })));
    assert.equal(empty.ok, false);
  });
});

describe('AfterShip tracking_update parser', () => {
  const body = {
    event: 'tracking_update',
    event_id: 'b7d8b5f2',
    msg: {
      tracking_number: '1Z023E2X0214323462',
      slug: 'ups',
      tag: 'Exception',
      subtag: 'Exception_011',
      expected_delivery: null,
      checkpoints: [
        {
          checkpoint_time: '2024-08-01T09:00:00-04:00',
          tag: 'InTransit',
          subtag: 'InTransit_002',
          message: 'Picked up',
          raw_tag: 'PU',
        },
        {
          checkpoint_time: '2024-08-09T10:00:00',
          tag: 'Exception',
          subtag: 'Exception_011',
          message: 'Returned to sender',
        },
      ],
    },
    ts: 1722513600,
  };

  it('turns checkpoints into events with subtag-refined statuses', () => {
    const result = parseAfterShipWebhook(Buffer.from(JSON.stringify(body)));
    assert.ok(result.ok);
    assert.deepEqual(
      result.events.map((e) => [e.carrier, e.rawCode, e.status, e.occurredAt]),
      [
        ['ups', 'PU', 'picked_up', '2024-08-01T13:00:00.000Z'],
        ['ups', 'Exception_011', 'returned_to_sender', '2024-08-09T10:00:00.000Z'],
      ],
    );
  });

  it('names a bad checkpoint time', () => {
    const bad = structuredClone(body);
    bad.msg.checkpoints[1]!.checkpoint_time = 'yesterday';
    const result = parseAfterShipWebhook(Buffer.from(JSON.stringify(bad)));
    assert.match(result.ok ? '' : result.problem, /checkpoints\.1\.checkpoint_time/);
  });
});
