import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { OrderNotificationRequest } from '../../../src/notifications/contract';
import { startOutboxDrainer, type OutboxDrainer } from '../../../src/notifications/outbox/drainer';
import { enqueueNotices } from '../../../src/notifications/outbox/store';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { customerRequest, waitFor } from './harness';

let database: TestDatabase;
let drainers: OutboxDrainer[] = [];

before(async () => {
  database = await createTestDatabase('ost_outbox');
});
afterEach(async () => {
  await Promise.all(drainers.map((drainer) => drainer.stop()));
  drainers = [];
});
after(async () => {
  await database?.drop();
});

async function inOutbox(notice: OrderNotificationRequest): Promise<boolean> {
  const { rows } = await database.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM notice_outbox WHERE order_id = $1 AND event_id = $2',
    [notice.orderId, notice.eventId],
  );
  return rows[0]!.n > 0;
}

/** A drainer on the test database, stopped after the test. */
function drain(deliver: (notice: OrderNotificationRequest) => Promise<unknown>, leaseMs?: number) {
  const drainer = startOutboxDrainer({ db: database.db, deliver, batchSize: 8, leaseMs });
  drainers.push(drainer);
  return drainer;
}

describe('the notice outbox drainer (real PostgreSQL)', () => {
  test('a notice whose delivery throws is taken again within seconds, not after its lease', async () => {
    const notice = customerRequest('cust-drainer-retry', 'shipped');
    const attempts: number[] = [];
    drain(async (taken) => {
      if (taken.eventId !== notice.eventId) return;
      attempts.push(Date.now());
      if (attempts.length === 1) throw new Error('Temporal unavailable for a moment');
    });
    await enqueueNotices(database.db, [notice]);
    await waitFor(
      'the notice to leave the outbox',
      async () => !(await inOutbox(notice)) || undefined,
      10_000,
    );
    assert.equal(attempts.length, 2);
    const pause = attempts[1]! - attempts[0]!;
    assert.ok(pause < 5_000, `taken again after ${pause} ms`);
  });

  test('a notice in hand longer than the lease is not given to another worker', async () => {
    const notice = customerRequest('cust-drainer-renew', 'delivered');
    const takers: string[] = [];
    const slowly = (name: string) => async (taken: OrderNotificationRequest) => {
      if (taken.eventId !== notice.eventId) return;
      takers.push(name);
      await new Promise((resolve) => setTimeout(resolve, 4_000));
    };
    drain(slowly('first'), 1_500);
    await enqueueNotices(database.db, [notice]);
    await waitFor('the first worker to take it', () => takers.length > 0 || undefined, 10_000);
    drain(slowly('second'), 1_500);
    await waitFor(
      'the notice to leave the outbox',
      async () => !(await inOutbox(notice)) || undefined,
      15_000,
    );
    assert.deepEqual(takers, ['first']);
  });
});
