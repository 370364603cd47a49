import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Milestone, OrderNotificationRequest } from '../../../src/domain/order-notices';
import { noticesOfOnePush } from '../../../src/domain/push-notices';

const notice = (milestone: Milestone, eventId: string) =>
  ({
    orderId: 'web:acme:1',
    eventId,
    milestone,
    occurredAt: '2026-11-30T10:00:00Z',
    customer: { id: 'c-1', name: 'Ada', locale: 'en' },
    order: { externalId: '1', channel: 'web', itemCount: 1 },
    details: {},
  }) as OrderNotificationRequest;

test('a push that moves the parcel twice tells the customer only where it is now', () => {
  const kept = noticesOfOnePush([
    notice('out_for_delivery', 'e1'),
    notice('delayed', 'e1:delayed'),
    notice('delivered', 'e2'),
  ]);
  assert.deepEqual(
    kept.map((n) => n.milestone),
    ['delayed', 'delivered'],
  );
});

test('a push with one parcel milestone, or none, keeps every notice', () => {
  const one = [notice('shipped', 's'), notice('out_for_delivery', 'e1')];
  assert.deepEqual(noticesOfOnePush(one), one);
  const none = [notice('delivery_at_risk', 'r')];
  assert.deepEqual(noticesOfOnePush(none), none);
  assert.deepEqual(noticesOfOnePush([]), []);
});
