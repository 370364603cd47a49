import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyOrderEvent, initialOrderState, type OrderState } from '../../../src/domain/order-lifecycle';
import type { OrderEvent, OrderEventEnvelope } from '../../../src/domain/order-events';
import { noticesFor } from '../../../src/domain/order-notices';
import { orderSubmissionSchema, toCanonicalOrder } from '../../../src/domain/order';
import { nextRiskStep, riskWakeUpAt, type RiskMemory } from '../../../src/domain/promise/order-risk';
import { DEFAULT_PROMISE_POLICY } from '../../../src/domain/promise/promise-policy';
import {
  revisedDeliveryDate,
  stageDeadline,
  stageDeadlineSettings,
  stallOf,
} from '../../../src/domain/promise/stage-deadlines';
import { sampleOrder } from '../../support/orders';

const HOUR = 3600_000;
const T0 = Date.parse('2026-12-01T15:00:00Z');
const promise = { promisedDeliveryDate: '2026-12-08', source: 'derived' as const, shipDate: '2026-12-01' };
const customer = { ...sampleOrder().customer, locale: 'en', timeZone: 'America/Los_Angeles' };
const settings = stageDeadlineSettings({ customer }, promise, DEFAULT_PROMISE_POLICY, T0);

/** Applies events one hour apart from T0, as the workflow would record them. */
function run(events: OrderEvent[]): OrderState {
  let state = initialOrderState('web:acme:1', promise.promisedDeliveryDate);
  events.forEach((event, index) => {
    const at = new Date(T0 + (index + 1) * HOUR).toISOString();
    const envelope: OrderEventEnvelope = { eventId: `e${index}`, occurredAt: at, source: 'system', event };
    state = applyOrderEvent(state, envelope, at).state;
  });
  return state;
}

const scan = (status: 'in_transit' | 'out_for_delivery' | 'delivered'): OrderEvent => ({
  type: 'carrier_update',
  tracking: {
    eventId: `scan-${status}`,
    carrier: 'ups',
    trackingNumber: '1Z8V92A70367203024',
    status,
    occurredAt: '2026-12-02T00:00:00Z',
    rawCode: 'X',
    rawDescription: status,
    via: 'ups',
  },
});
const shippedEvents: OrderEvent[] = [
  { type: 'inventory_reserved' },
  { type: 'picked' },
  { type: 'packed' },
  { type: 'shipped', carrier: 'ups', service: 'ground' },
  { type: 'tracking_number_assigned', trackingNumber: '1Z8V92A70367203024' },
];

test('deadlines fixed at admission: carrier cut-off of the ship day, end of the promised day for the customer', () => {
  assert.equal(settings.receivedAt, '2026-12-01T15:00:00.000Z');
  assert.equal(settings.reserveWithinMs, 30 * 60_000);
  assert.equal(settings.handOverBy, '2026-12-01T23:00:00.000Z'); // 18:00 in New York
  assert.equal(settings.deliverBy, '2026-12-09T08:00:00.000Z'); // midnight in Los Angeles
  assert.deepEqual(settings.stalled.in_transit, { firstMs: 48 * HOUR, escalateMs: 96 * HOUR });
  const unknownZone = stageDeadlineSettings(
    { customer: { ...customer, timeZone: 'Nowhere/Else' } },
    promise,
    DEFAULT_PROMISE_POLICY,
    T0,
  );
  assert.equal(unknownZone.deliverBy, '2026-12-09T00:00:00.000Z');
});

test('each stage has its own deadline; held and backordered orders have none', () => {
  assert.deepEqual(stageDeadline(run([]), settings), { stage: 'reservation', dueAt: T0 + 30 * 60_000 });
  assert.deepEqual(stageDeadline(run(shippedEvents.slice(0, 1)), settings), {
    stage: 'picking',
    dueAt: T0 + HOUR + 24 * HOUR,
  });
  assert.equal(stageDeadline(run(shippedEvents.slice(0, 3)), settings)?.stage, 'hand_over');
  assert.equal(stageDeadline(run(shippedEvents), settings)?.stage, 'delivery');
  assert.equal(
    stageDeadline(
      run([{ type: 'inventory_reserved' }, { type: 'hold', reasonCode: 'fraud_suspected' }]),
      settings,
    ),
    undefined,
  );
  assert.equal(stageDeadline(run([{ type: 'backordered', shortages: [] }]), settings), undefined);
});

test('a missed deadline is raised once and cleared when the stage completes', () => {
  const reserved = run(shippedEvents.slice(0, 1));
  const due = T0 + 25 * HOUR;
  const empty: RiskMemory = { open: [] };
  assert.equal(nextRiskStep(reserved, settings, empty, due - 1), undefined);
  assert.equal(riskWakeUpAt(reserved, settings, empty), due);
  const step = nextRiskStep(reserved, settings, empty, due + 5 * 60_000);
  assert.equal(step?.kind, 'raise');
  const open: RiskMemory = { open: [step!.kind === 'raise' ? step!.exception : assert.fail()] };
  assert.equal(nextRiskStep(reserved, settings, open, due + HOUR), undefined, 'not raised twice');
  assert.equal(riskWakeUpAt(reserved, settings, open), undefined);
  const picked = run(shippedEvents.slice(0, 2));
  assert.deepEqual(nextRiskStep(picked, settings, open, due + HOUR), { kind: 'clear', stages: ['picking'] });
});

test('a shipment without scans is polled first, then flagged, then escalated; a new scan clears it', () => {
  const inTransit = run([...shippedEvents, scan('in_transit')]);
  const stall = stallOf(inTransit, settings)!;
  assert.equal(stall.pollAt, stall.lastScanAt + 48 * HOUR);
  const memory: RiskMemory = { open: [] };
  assert.equal(nextRiskStep(inTransit, settings, memory, stall.pollAt - 1), undefined);
  assert.equal(nextRiskStep(inTransit, settings, memory, stall.pollAt)?.kind, 'poll');
  memory.polledForScanAt = stall.lastScanAt;
  const flagged = nextRiskStep(inTransit, settings, memory, stall.pollAt + 1000);
  assert.ok(flagged?.kind === 'stall');
  assert.deepEqual([flagged.exception.level, flagged.exception.priority], [1, 'high']);
  memory.open.push(flagged.exception);
  assert.equal(riskWakeUpAt(inTransit, settings, memory), stall.escalateAt);
  const escalated = nextRiskStep(inTransit, settings, memory, stall.escalateAt);
  assert.ok(escalated?.kind === 'stall');
  assert.deepEqual([escalated.exception.level, escalated.exception.priority], [2, 'urgent']);
  const outForDelivery = run([...shippedEvents, scan('in_transit'), scan('out_for_delivery')]);
  assert.deepEqual(nextRiskStep(outForDelivery, settings, memory, stall.escalateAt), {
    kind: 'clear',
    stages: ['in_transit'],
  });
});

test('a stall flags the order delayed with a revised date and calls for one notice of its own', () => {
  const order = toCanonicalOrder(
    orderSubmissionSchema.parse(sampleOrder({ promisedDeliveryDate: '2026-12-08' })),
  );
  const before = run([...shippedEvents, scan('in_transit')]);
  const revised = revisedDeliveryDate(before, Date.parse('2026-12-07T12:00:00Z'), 2);
  assert.equal(revised, '2026-12-09');
  assert.equal(
    revisedDeliveryDate(before, Date.parse('2026-12-02T12:00:00Z'), 2),
    '2026-12-08',
    'never earlier',
  );
  const stalled: OrderEventEnvelope = {
    eventId: 'stalled:in_transit:1',
    occurredAt: '2026-12-07T12:00:00Z',
    source: 'system',
    event: {
      type: 'shipment_stalled',
      level: 1,
      trackingStatus: 'in_transit',
      lastScanAt: '2026-12-02T00:00:00Z',
      revisedDelivery: revised,
    },
  };
  const result = applyOrderEvent(before, stalled, '2026-12-07T12:00:00Z');
  assert.equal(result.state.delayed, true);
  assert.equal(result.state.estimatedDelivery, revised);
  assert.equal(result.state.status, 'in_transit');
  const notices = noticesFor(order, before, result.state, result.entry!);
  assert.deepEqual(
    notices.map((notice) => [notice.milestone, notice.eventId, notice.details.estimatedDelivery]),
    [['shipment_stalled', 'stalled:in_transit:1', revised]],
  );
  assert.equal(applyOrderEvent(result.state, stalled, '2026-12-08T12:00:00Z').outcome, 'duplicate');
});
