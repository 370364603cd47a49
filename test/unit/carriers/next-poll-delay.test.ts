import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TRACKING_STATUSES } from '../../../src/domain/tracking-status';
import {
  nextPollDelay,
  POLL_DELAY_BOUNDS,
  TERMINAL_TRACKING_STATUSES,
} from '../../../src/carriers/polling/next-poll-delay';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const shippedAt = '2024-08-01T12:00:00Z';
const shipped = Date.parse(shippedAt);

describe('nextPollDelay', () => {
  it('stops polling on a terminal status', () => {
    for (const lastStatus of TERMINAL_TRACKING_STATUSES) {
      assert.equal(
        nextPollDelay({ now: shipped + DAY, shippedAt, lastStatus, estimatedDelivery: '2024-08-04' }),
        null,
      );
    }
  });

  it('polls slowly early in transit and faster near the estimated delivery date', () => {
    const edd = '2024-08-06';
    const early = nextPollDelay({
      now: shipped + HOUR,
      shippedAt,
      lastStatus: 'in_transit',
      estimatedDelivery: edd,
    });
    const dayBefore = nextPollDelay({
      now: Date.parse('2024-08-05T12:00:00Z'),
      shippedAt,
      lastStatus: 'in_transit',
      estimatedDelivery: edd,
    });
    const onTheDay = nextPollDelay({
      now: Date.parse('2024-08-06T09:00:00Z'),
      shippedAt,
      lastStatus: 'in_transit',
      estimatedDelivery: edd,
    });
    assert.ok(early !== null && dayBefore !== null && onTheDay !== null);
    assert.ok(early > dayBefore, `${early} > ${dayBefore}`);
    assert.ok(dayBefore >= onTheDay);
    assert.equal(early, 12 * HOUR);
    assert.equal(onTheDay, HOUR);
  });

  it('never sleeps past the start of the last two days before the estimate', () => {
    const now = Date.parse('2024-08-02T00:00:00Z');
    const delay = nextPollDelay({
      now,
      shippedAt,
      lastStatus: 'in_transit',
      estimatedDelivery: '2024-08-04',
    });
    assert.ok(delay !== null);
    assert.ok(now + delay <= Date.parse('2024-08-04T23:59:59Z') - 2 * DAY + 1000);
  });

  it('polls the last leg often', () => {
    assert.equal(
      nextPollDelay({ now: shipped + 2 * DAY, shippedAt, lastStatus: 'out_for_delivery' }),
      30 * 60_000,
    );
    assert.equal(
      nextPollDelay({ now: shipped + 2 * DAY, shippedAt, lastStatus: 'delivery_attempted' }),
      2 * HOUR,
    );
  });

  it('backs off for a long-overdue shipment', () => {
    const overdue = nextPollDelay({
      now: Date.parse('2024-08-10T12:00:00Z'),
      shippedAt,
      lastStatus: 'in_transit',
      estimatedDelivery: '2024-08-04',
    });
    assert.equal(overdue, 6 * HOUR);
  });

  it('tightens without an estimate as transit days pass', () => {
    const first = nextPollDelay({ now: shipped + HOUR, shippedAt, lastStatus: 'in_transit' });
    const later = nextPollDelay({ now: shipped + 4 * DAY, shippedAt, lastStatus: 'in_transit' });
    assert.ok(first !== null && later !== null && first > later);
  });

  it('stays within bounds for any input', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -30 * DAY, max: 60 * DAY }),
        fc.constantFrom(...TRACKING_STATUSES),
        fc.option(fc.integer({ min: -10, max: 30 }), { nil: undefined }),
        (offset, lastStatus, eddDays) => {
          const estimatedDelivery =
            eddDays === undefined ? undefined : new Date(shipped + eddDays * DAY).toISOString().slice(0, 10);
          const delay = nextPollDelay({ now: shipped + offset, shippedAt, lastStatus, estimatedDelivery });
          if (TERMINAL_TRACKING_STATUSES.has(lastStatus)) return delay === null;
          return delay !== null && delay >= POLL_DELAY_BOUNDS.minMs && delay <= POLL_DELAY_BOUNDS.maxMs;
        },
      ),
    );
  });
});
