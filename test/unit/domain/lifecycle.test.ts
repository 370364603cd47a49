import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  APPLIED_EVENT_ID_LIMIT,
  applyOrderEvent,
  initialOrderState,
  timelineByOccurrence,
  type OrderState,
} from '../../../src/domain/order-lifecycle';
import type { OrderEvent, OrderEventEnvelope } from '../../../src/domain/order-events';
import { ORDER_STATUSES, isTerminal } from '../../../src/domain/order-status';
import { TRACKING_STATUSES } from '../../../src/domain/tracking-status';
import { InvalidTransitionError } from '../../../src/domain/transition-error';
import { MOVES, TRANSITIONS, targetOf } from '../../../src/domain/transitions';

const TRACKING = '1Z8V92A70367203024';

const eventArb: fc.Arbitrary<OrderEvent> = fc.oneof(
  fc.constant<OrderEvent>({ type: 'inventory_reserved' }),
  fc.constant<OrderEvent>({ type: 'backordered', shortages: [] }),
  fc.constant<OrderEvent>({ type: 'picked' }),
  fc.constant<OrderEvent>({ type: 'packed' }),
  fc.constant<OrderEvent>({ type: 'shipped', carrier: 'ups', service: 'standard' }),
  fc.constant<OrderEvent>({ type: 'tracking_number_assigned', trackingNumber: TRACKING }),
  fc.constant<OrderEvent>({ type: 'hold', reasonCode: 'other', note: 'review' }),
  fc.constant<OrderEvent>({ type: 'release' }),
  fc.constant<OrderEvent>({ type: 'cancel', reasonCode: 'customer_request' }),
  fc.constantFrom(...TRACKING_STATUSES).map<OrderEvent>((status) => ({
    type: 'carrier_update',
    tracking: {
      eventId: 'ignored',
      carrier: 'ups',
      trackingNumber: TRACKING,
      status,
      occurredAt: '2026-01-01T00:00:00Z',
      rawCode: 'X',
      rawDescription: status,
      via: 'ups',
    },
  })),
);

const envelopeArb: fc.Arbitrary<OrderEventEnvelope> = fc.record({
  eventId: fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8', 'e9', 'e10', 'e11', 'e12'),
  occurredAt: fc
    .integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-02-01T00:00:00Z') })
    .map((ms) => new Date(ms).toISOString()),
  source: fc.constantFrom('warehouse' as const, 'carrier' as const, 'ops' as const, 'system' as const),
  event: eventArb,
});

/** Applies a sequence the way the workflow does: rejected events leave the state unchanged. */
function run(envelopes: OrderEventEnvelope[]) {
  let state = initialOrderState('web:acme:1', '2026-01-10');
  const steps: { before: OrderState; after: OrderState; rejected: boolean }[] = [];
  envelopes.forEach((envelope, index) => {
    const before = state;
    try {
      state = applyOrderEvent(
        state,
        envelope,
        new Date(Date.parse('2026-03-01T00:00:00Z') + index).toISOString(),
      ).state;
      steps.push({ before, after: state, rejected: false });
    } catch (error) {
      assert.ok(error instanceof InvalidTransitionError, String(error));
      steps.push({ before, after: state, rejected: true });
    }
  });
  return { state, steps };
}

test('the transition table covers every status and only names real statuses and moves', () => {
  assert.deepEqual(Object.keys(TRANSITIONS).sort(), [...ORDER_STATUSES].sort());
  for (const status of ORDER_STATUSES) {
    for (const [move, target] of Object.entries(TRANSITIONS[status])) {
      assert.ok((MOVES as readonly string[]).includes(move), `${status}: unknown move ${move}`);
      assert.ok(
        target === 'held-from' || (ORDER_STATUSES as readonly string[]).includes(target),
        `${status}→${target}`,
      );
    }
  }
});

test('cancellation is allowed exactly until shipped', () => {
  const cancellable = ORDER_STATUSES.filter((status) => targetOf(status, 'cancel') === 'cancelled').sort();
  assert.deepEqual(cancellable, ['backordered', 'on_hold', 'packed', 'processing', 'received', 'reserved']);
});

test('no event sequence reaches a state the table does not allow', () => {
  fc.assert(
    fc.property(fc.array(envelopeArb, { maxLength: 40 }), (envelopes) => {
      const { steps } = run(envelopes);
      for (const { before, after } of steps) {
        if (before.status === after.status) continue;
        const reachable = MOVES.some(
          (move) => targetOf(before.status, move, before.heldFrom) === after.status,
        );
        assert.ok(reachable, `${before.status} → ${after.status} is not in the table`);
      }
    }),
    { numRuns: 2000 },
  );
});

test('terminal states stay terminal', () => {
  fc.assert(
    fc.property(fc.array(envelopeArb, { maxLength: 40 }), (envelopes) => {
      const { steps } = run(envelopes);
      for (const { before, after } of steps) {
        if (isTerminal(before.status)) assert.equal(after.status, before.status);
      }
    }),
    { numRuns: 2000 },
  );
});

test('the timeline is always ordered and version equals its length', () => {
  fc.assert(
    fc.property(fc.array(envelopeArb, { maxLength: 40 }), (envelopes) => {
      const { state } = run(envelopes);
      assert.equal(state.version, state.timeline.length);
      state.timeline.forEach((entry, index) => assert.equal(entry.seq, index + 1));
      const byTime = timelineByOccurrence(state.timeline);
      for (let i = 1; i < byTime.length; i++) {
        assert.ok(Date.parse(byTime[i - 1]!.occurredAt) <= Date.parse(byTime[i]!.occurredAt));
      }
    }),
    { numRuns: 1000 },
  );
});

test('a repeated event ID never changes the state', () => {
  fc.assert(
    fc.property(fc.array(envelopeArb, { minLength: 1, maxLength: 30 }), (envelopes) => {
      const { state } = run(envelopes);
      for (const envelope of envelopes.filter((item) => state.appliedEventIds.includes(item.eventId))) {
        const again = applyOrderEvent(state, envelope, '2026-04-01T00:00:00Z');
        assert.equal(again.outcome, 'duplicate');
        assert.equal(again.state, state);
      }
    }),
    { numRuns: 1000 },
  );
});

function shippedOrder(): OrderState {
  const events: OrderEvent[] = [
    { type: 'inventory_reserved' },
    { type: 'picked' },
    { type: 'packed' },
    { type: 'shipped', carrier: 'ups', service: 'standard' },
    { type: 'tracking_number_assigned', trackingNumber: TRACKING },
  ];
  return run(
    events.map((event, i) => ({
      eventId: `s${i}`,
      occurredAt: '2026-01-01T00:00:00Z',
      source: 'system',
      event,
    })),
  ).state;
}

const scan = (
  eventId: string,
  status: (typeof TRACKING_STATUSES)[number],
  occurredAt: string,
  edd?: string,
) =>
  ({
    eventId,
    occurredAt,
    source: 'carrier',
    event: {
      type: 'carrier_update',
      tracking: {
        eventId,
        carrier: 'ups',
        trackingNumber: TRACKING,
        status,
        occurredAt,
        rawCode: 'X',
        rawDescription: status,
        via: 'ups',
        ...(edd ? { estimatedDelivery: edd } : {}),
      },
    },
  }) satisfies OrderEventEnvelope;

test('a late, older scan lands in the timeline without moving the order back', () => {
  let state = shippedOrder();
  state = applyOrderEvent(
    state,
    scan('c1', 'out_for_delivery', '2026-01-03T08:00:00Z'),
    '2026-01-03T08:00:01Z',
  ).state;
  const late = applyOrderEvent(
    state,
    scan('c0', 'in_transit', '2026-01-02T08:00:00Z'),
    '2026-01-03T08:00:02Z',
  );
  assert.equal(late.outcome, 'recorded');
  assert.equal(late.state.status, 'out_for_delivery');
  const ordered = timelineByOccurrence(late.state.timeline).map((entry) => entry.eventId);
  assert.deepEqual(ordered.slice(-2), ['c0', 'c1']);
});

test('returned to sender after delivery starts the return path', () => {
  let state = shippedOrder();
  state = applyOrderEvent(
    state,
    scan('c1', 'delivered', '2026-01-03T08:00:00Z'),
    '2026-01-03T08:00:01Z',
  ).state;
  const returned = applyOrderEvent(state, scan('c2', 'returned_to_sender', '2026-01-05T08:00:00Z'), 'now');
  assert.equal(returned.state.status, 'returned_to_sender');
});

test('an exception or a revised estimate past the promise flags the order delayed; delivery clears it', () => {
  let state = shippedOrder();
  state = applyOrderEvent(state, scan('c1', 'in_transit', '2026-01-03T08:00:00Z', '2026-01-12'), 'now').state;
  assert.equal(state.delayed, true, 'EDD after the promised 2026-01-10');
  assert.equal(state.estimatedDelivery, '2026-01-12');
  state = applyOrderEvent(state, scan('c2', 'delivered', '2026-01-12T08:00:00Z'), 'now').state;
  assert.equal(state.delayed, false);
});

test('a failed attempt may go out for delivery again, and attempts are counted', () => {
  let state = shippedOrder();
  const times = ['2026-01-03', '2026-01-04', '2026-01-05', '2026-01-06'].map((day) => `${day}T08:00:00Z`);
  state = applyOrderEvent(state, scan('a1', 'delivery_attempted', times[0]!), 'now').state;
  state = applyOrderEvent(state, scan('o2', 'out_for_delivery', times[1]!), 'now').state;
  state = applyOrderEvent(state, scan('a2', 'delivery_attempted', times[2]!), 'now').state;
  state = applyOrderEvent(state, scan('a3', 'delivery_attempted', times[3]!), 'now').state;
  assert.equal(state.status, 'delivery_attempted');
  assert.equal(state.shipment?.deliveryAttempts, 3);
});

test('applied event IDs are bounded', () => {
  let state = shippedOrder();
  for (let i = 0; i < APPLIED_EVENT_ID_LIMIT + 50; i++) {
    state = applyOrderEvent(state, scan(`x${i}`, 'unknown', '2026-01-03T08:00:00Z'), 'now').state;
  }
  assert.equal(state.appliedEventIds.length, APPLIED_EVENT_ID_LIMIT);
});
