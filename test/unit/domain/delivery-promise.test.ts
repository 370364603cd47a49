import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orderSubmissionSchema, toCanonicalOrder, type OrderSubmission } from '../../../src/domain/order';
import { admitOrder } from '../../../src/domain/promise/admission';
import {
  addBusinessDays,
  instantOfWallClock,
  wallClockAt,
} from '../../../src/domain/promise/business-calendar';
import { derivePromise, promiseFor, shipDateFor } from '../../../src/domain/promise/delivery-promise';
import {
  DEFAULT_PROMISE_POLICY,
  parsePromiseConfig,
  policyFor,
} from '../../../src/domain/promise/promise-policy';
import { sampleOrder } from '../../support/orders';

const NO_HOLIDAYS = { holidays: new Set<string>() };
const US = { holidays: new Set(['2026-11-26', '2026-12-25']) };
const policy = DEFAULT_PROMISE_POLICY; // 14:00 America/New_York, standard 5 business days

/** A New York wall-clock time as an instant. */
const newYork = (date: string, time: string) => instantOfWallClock(date, time, 'America/New_York');

const canonical = (overrides: Partial<OrderSubmission>) =>
  toCanonicalOrder(
    orderSubmissionSchema.parse(sampleOrder({ promisedDeliveryDate: undefined, ...overrides })),
  );

test('wall clocks convert both ways, across daylight saving time', () => {
  assert.equal(new Date(newYork('2026-07-01', '14:00')).toISOString(), '2026-07-01T18:00:00.000Z');
  assert.equal(new Date(newYork('2026-12-01', '14:00')).toISOString(), '2026-12-01T19:00:00.000Z');
  assert.deepEqual(wallClockAt(Date.parse('2026-12-01T04:30:00Z'), 'America/New_York'), {
    date: '2026-11-30',
    time: '23:30',
  });
});

test('an order by the cut-off ships the same business day; after it, the next one', () => {
  // 2026-12-01 is a Tuesday.
  assert.equal(shipDateFor(newYork('2026-12-01', '13:59'), policy, NO_HOLIDAYS), '2026-12-01');
  assert.equal(shipDateFor(newYork('2026-12-01', '14:00'), policy, NO_HOLIDAYS), '2026-12-02');
  // 18:30 UTC is before the cut-off in New York in winter (13:30), whatever the UTC date says.
  assert.equal(shipDateFor(Date.parse('2026-12-01T18:30:00Z'), policy, NO_HOLIDAYS), '2026-12-01');
});

test('weekends are not shipping or delivery days', () => {
  // Friday after the cut-off and Saturday both ship Monday.
  assert.equal(shipDateFor(newYork('2026-12-04', '15:00'), policy, NO_HOLIDAYS), '2026-12-07');
  assert.equal(shipDateFor(newYork('2026-12-05', '09:00'), policy, NO_HOLIDAYS), '2026-12-07');
  // Shipped Thursday, 5 business days: Fri, Mon, Tue, Wed, Thu.
  assert.equal(addBusinessDays('2026-12-03', 5, NO_HOLIDAYS), '2026-12-10');
});

test('holidays move both the ship day and the delivery date', () => {
  // Wednesday after the cut-off would ship Thursday, Thanksgiving: it ships Friday.
  assert.equal(shipDateFor(newYork('2026-11-25', '15:00'), policy, US), '2026-11-27');
  // Overnight from Thursday 24 December: not the 25th (holiday), not the weekend.
  const placedAt = new Date(newYork('2026-12-24', '10:00')).toISOString();
  const promise = derivePromise({ placedAt, serviceLevel: 'overnight' }, policy, {
    shipping: US,
    delivery: US,
  });
  assert.deepEqual(promise, {
    promisedDeliveryDate: '2026-12-28',
    source: 'derived',
    shipDate: '2026-12-24',
  });
});

test('the destination country decides which holidays delay delivery', () => {
  const placedAt = new Date(newYork('2026-12-23', '10:00')).toISOString();
  const config = parsePromiseConfig({});
  const toUs = promiseFor(canonical({ placedAt, serviceLevel: 'express' }), config);
  const toGb = promiseFor(
    canonical({
      placedAt,
      serviceLevel: 'express',
      shippingAddress: { ...sampleOrder().shippingAddress, country: 'GB', postalCode: 'SW1A 1AA' },
    }),
    config,
  );
  // Express is 2 business days from Wednesday 23 December: the US skips the 25th; GB skips 25th and 28th.
  assert.equal(toUs.promisedDeliveryDate, '2026-12-28');
  assert.equal(toGb.promisedDeliveryDate, '2026-12-29');
});

test("a channel's promised date is kept, marked as the channel's", () => {
  const config = parsePromiseConfig({});
  const fromChannel = admitOrder(canonical({ promisedDeliveryDate: '2026-12-24' }), config, Date.now());
  assert.equal(fromChannel.order.promisedDeliveryDate, '2026-12-24');
  assert.equal(fromChannel.order.promiseSource, 'channel');
  const derived = admitOrder(canonical({ placedAt: '2026-12-01T15:00:00Z' }), config, Date.now());
  assert.equal(derived.order.promisedDeliveryDate, '2026-12-08');
  assert.equal(derived.order.promiseSource, 'derived');
});

test('configuration layers: defaults, then the channel, then the account; holidays replace by country', () => {
  const config = parsePromiseConfig({
    defaults: { orderCutOff: '12:00' },
    channels: { web: { transitBusinessDays: { standard: 3 } } },
    accounts: { 'web:acme': { pickWithinHours: 2 } },
    holidays: { US: ['2026-12-02'] },
  });
  const acme = policyFor(config, 'web', 'acme');
  assert.equal(acme.orderCutOff, '12:00');
  assert.equal(acme.transitBusinessDays.standard, 3);
  assert.equal(acme.transitBusinessDays.express, 2);
  assert.equal(acme.pickWithinHours, 2);
  assert.equal(policyFor(config, 'web', 'other').pickWithinHours, DEFAULT_PROMISE_POLICY.pickWithinHours);
  assert.equal(policyFor(config, 'shopify', 'acme').transitBusinessDays.standard, 5);
  // Tuesday 11:00 New York: before the 12:00 cut-off; Wednesday is a configured holiday.
  const order = canonical({ placedAt: '2026-12-01T16:00:00Z' });
  assert.equal(promiseFor(order, config).promisedDeliveryDate, '2026-12-07');
});

test('a configuration with an unknown time zone or a bad cut-off is refused', () => {
  assert.throws(() => parsePromiseConfig({ defaults: { timeZone: 'Mars/Olympus' } }), /IANA time zone/);
  assert.throws(() => parsePromiseConfig({ channels: { web: { orderCutOff: '25:00' } } }), /HH:MM/);
});
