import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MILESTONES, type OrderNotificationRequest } from '../../../src/notifications/contract';
import { defaultPreferences, planNotification } from '../../../src/notifications/preferences/preferences';
import { MILESTONE_ROUTES } from '../../../src/notifications/routing';

const request: OrderNotificationRequest = {
  orderId: 'web:acct:1',
  eventId: 'e1',
  milestone: 'order_confirmed',
  occurredAt: '2025-01-01T00:00:00Z',
  customer: {
    id: 'c1',
    name: 'Ann',
    email: 'ann@example.com',
    phone: '+14155550100',
    locale: 'en',
    timeZone: 'UTC',
  },
  order: { externalId: '1', channel: 'web', itemCount: 1 },
  details: {},
};

test('every milestone routes to the in-app inbox and at least one outside channel', () => {
  for (const milestone of MILESTONES) {
    const channels = MILESTONE_ROUTES[milestone];
    assert.ok(channels.includes('in_app'), milestone);
    assert.ok(
      channels.some((channel) => channel !== 'in_app'),
      milestone,
    );
  }
});

test('the plan keeps routed channels the customer opted in to and can be reached on', () => {
  const preferences = { ...defaultPreferences('c1'), channels: ['email', 'sms', 'in_app'] as const };
  const plan = planNotification(
    { ...request, milestone: 'out_for_delivery' },
    { ...preferences, channels: [...preferences.channels] },
    0,
  );
  // out_for_delivery routes to sms, push, in_app; push has no device token.
  assert.deepEqual(plan.channels, ['sms', 'in_app']);
  assert.deepEqual(plan.fallbacks, ['email']);
});

test('a channel disabled by a bounce is skipped until the address changes', () => {
  const preferences = defaultPreferences('c1');
  preferences.disabled.email = {
    reason: 'hard bounce',
    recipient: 'ann@example.com',
    at: '2025-01-01T00:00:00Z',
  };
  assert.deepEqual(planNotification(request, preferences, 0).channels, ['in_app']);
  const moved = { ...request, customer: { ...request.customer, email: 'ann@new.example.com' } };
  assert.deepEqual(planNotification(moved, preferences, 0).channels, ['email', 'in_app']);
});

test('SMS needs an explicit opt-in; customers without a phone never get SMS', () => {
  const plan = planNotification({ ...request, milestone: 'delivery_failed' }, defaultPreferences('c1'), 0);
  assert.deepEqual(plan.channels, ['email', 'in_app']);
  const optedIn = {
    ...defaultPreferences('c1'),
    channels: ['email' as const, 'sms' as const, 'in_app' as const],
  };
  const noPhone = {
    ...request,
    milestone: 'delivery_failed' as const,
    customer: { ...request.customer, phone: undefined },
  };
  assert.deepEqual(planNotification(noPhone, optedIn, 0).channels, ['email', 'in_app']);
});

test('quiet hours use the stored time zone, else the customer time zone from the request', () => {
  const preferences = defaultPreferences('c1');
  assert.equal(planNotification(request, preferences, 0).quietHours?.timeZone, 'UTC');
  assert.equal(
    planNotification(request, { ...preferences, timeZone: 'Asia/Tokyo' }, 0).quietHours?.timeZone,
    'Asia/Tokyo',
  );
  assert.equal(planNotification(request, { ...preferences, quietHours: null }, 0).quietHours, null);
});
