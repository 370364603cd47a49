import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { OrderNotificationRequest } from '../../../src/domain/order-notices';
import { applyFeedbackOnce } from '../../../src/notifications/feedback/delivery-status';
import { claimDelivery, completeDelivery, releaseDelivery } from '../../../src/notifications/sending/records';
import { createTestDatabase, type TestDatabase } from '../../support/database';

const request = (eventId: string): OrderNotificationRequest => ({
  orderId: 'web:acme:records-1',
  eventId,
  milestone: 'shipped',
  occurredAt: '2026-11-30T10:00:00.000Z',
  customer: { id: 'cust-records', name: 'Ada', email: 'ada@example.com', locale: 'en', timeZone: 'UTC' },
  order: { externalId: 'records-1', channel: 'web', itemCount: 1 },
  details: {},
});

describe('delivery records', () => {
  let database: TestDatabase;

  const statusOf = async (key: string) =>
    (
      await database.db.query<{ status: string; attempts: number }>(
        'SELECT status, attempts FROM notification_deliveries WHERE delivery_key = $1',
        [key],
      )
    ).rows[0];

  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.drop();
  });

  test('a delivery is claimed once; a retry waits out the lease, then takes it back', async () => {
    const claim = { request: request('evt-claim'), channel: 'email' as const, recipient: 'ada@example.com' };
    const first = await claimDelivery(database.db, { ...claim, leaseMs: 60_000 });
    assert.equal(first.kind, 'claimed');
    assert.equal(first.kind === 'claimed' && first.reconcile, false);
    assert.equal((await claimDelivery(database.db, { ...claim, leaseMs: 60_000 })).kind, 'in_flight');

    await releaseDelivery(database.db, first.record.delivery_key, 'unknown', 'timed out');
    const retry = await claimDelivery(database.db, { ...claim, leaseMs: 60_000 });
    assert.equal(retry.kind, 'claimed');
    assert.equal(retry.kind === 'claimed' && retry.reconcile, true, 'an unknown outcome is reconciled first');
    assert.deepEqual(await statusOf(first.record.delivery_key), { status: 'claimed', attempts: 2 });

    await completeDelivery(database.db, first.record.delivery_key, 'msg-1');
    assert.equal((await claimDelivery(database.db, { ...claim, leaseMs: 60_000 })).kind, 'done');
  });

  test('a provider event is applied once, and a final status is not overwritten', async () => {
    const claimed = await claimDelivery(database.db, {
      request: request('evt-feedback'),
      channel: 'email',
      recipient: 'ada@example.com',
      leaseMs: 60_000,
    });
    const key = claimed.record.delivery_key;
    const target = { deliveryKey: key, providerMessageId: 'sg-1' };
    const sighting = (eventId: string) => ({ provider: 'sendgrid', eventId });

    assert.equal(
      await applyFeedbackOnce(database.db, sighting('sg-processed'), target, undefined, undefined),
      true,
    );
    assert.equal((await statusOf(key))!.status, 'claimed', 'an event without a status changes none');

    assert.equal(
      await applyFeedbackOnce(database.db, sighting('sg-delivered'), target, 'delivered', undefined),
      true,
    );
    assert.equal(
      (await statusOf(key))!.status,
      'delivered',
      'feedback completes a record not yet written back',
    );
    assert.equal(
      await applyFeedbackOnce(database.db, sighting('sg-delivered'), target, 'delivered', undefined),
      false,
    );
    assert.equal(
      await applyFeedbackOnce(database.db, sighting('sg-processed'), target, undefined, undefined),
      false,
    );

    assert.equal(
      await applyFeedbackOnce(database.db, sighting('sg-dropped'), target, 'undelivered', 'x'),
      true,
    );
    assert.equal((await statusOf(key))!.status, 'delivered', 'a final status stays');
    const seen = await database.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notification_provider_events WHERE provider = 'sendgrid'`,
    );
    assert.equal(seen.rows[0]!.n, 3);
  });
});
