import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CarrierEventLimiter,
  carrierEventsPerOrderFromEnv,
} from '../../../src/carriers/events/order-event-limit';

test('an order takes its rate at once, then one event per 60/N seconds; another order has its own bucket', () => {
  let now = 0;
  const limiter = new CarrierEventLimiter(6, 100, () => now);
  assert.deepEqual(limiter.admit('order-a', 4), { admitted: 4 });
  assert.deepEqual(limiter.admit('order-a', 5), { admitted: 2, retryAfterSeconds: 10 });
  assert.deepEqual(limiter.admit('order-b', 6), { admitted: 6 });
  now += 10_000;
  assert.deepEqual(limiter.admit('order-a', 3), { admitted: 1, retryAfterSeconds: 10 });
});

test('memory is bounded: past maxOrders the least recently used order is forgotten', () => {
  const limiter = new CarrierEventLimiter(60, 1000, () => 0);
  for (let i = 0; i < 5000; i += 1) limiter.admit(`order-${i}`, 1);
  assert.equal(limiter.trackedOrders, 1000);
});

test('CARRIER_EVENTS_PER_ORDER_PER_MINUTE: 60 by default, a whole number of 1 or more', () => {
  assert.equal(carrierEventsPerOrderFromEnv({}), 60);
  assert.equal(carrierEventsPerOrderFromEnv({ CARRIER_EVENTS_PER_ORDER_PER_MINUTE: '120' }), 120);
  for (const bad of ['0', '-1', '1.5', 'many']) {
    assert.throws(
      () => carrierEventsPerOrderFromEnv({ CARRIER_EVENTS_PER_ORDER_PER_MINUTE: bad }),
      /CARRIER_EVENTS_PER_ORDER_PER_MINUTE/,
    );
  }
});
