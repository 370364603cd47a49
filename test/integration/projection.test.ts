import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createProjectionActivities } from '../../src/activities/projection';
import type { OrderSnapshot } from '../../src/orders/order-read-model';
import type { TimelineEntry } from '../../src/domain/order-lifecycle';
import { orderSubmissionSchema, toCanonicalOrder } from '../../src/domain/order';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { sampleOrder } from '../support/orders';

const order = toCanonicalOrder(orderSubmissionSchema.parse(sampleOrder({ externalId: 'PROJECTION-1' })));

function entry(seq: number, eventId: string, recordedAt: string): TimelineEntry {
  return {
    seq,
    eventId,
    eventType: 'carrier_update',
    source: 'carrier',
    from: 'in_transit',
    to: 'in_transit',
    applied: true,
    details: {},
    occurredAt: '2026-11-27T08:00:00.000Z',
    recordedAt,
  };
}

const snapshot = (version: number, newEntries: TimelineEntry[]): OrderSnapshot => ({
  order,
  status: 'in_transit',
  delayed: false,
  version,
  newEntries,
});

describe('read model projection (PostgreSQL)', () => {
  let database: TestDatabase;
  let project: ReturnType<typeof createProjectionActivities>['projectOrder'];
  before(async () => {
    database = await createTestDatabase();
    project = createProjectionActivities(database.db).projectOrder;
  });
  after(async () => {
    await database?.drop();
  });

  const timeline = async () =>
    (
      await database.db.query<{ seq: number; eventId: string; recordedAt: Date }>(
        `SELECT seq, event_id AS "eventId", recorded_at AS "recordedAt" FROM order_timeline
         WHERE order_id = $1 ORDER BY seq`,
        [order.orderId],
      )
    ).rows.map((row) => `${row.seq} ${row.eventId} ${row.recordedAt.toISOString()}`);

  test('a retried workflow task’s view of the same entries replaces what a failed attempt wrote', async () => {
    // The failed attempt: one new entry at its task's time.
    await project(snapshot(1, [entry(1, 'scan-a', '2026-11-27T09:00:00.100Z')]));
    // The retry saw that scan and one more, at its own (later) task time.
    const retried = await project(
      snapshot(2, [
        entry(1, 'scan-a', '2026-11-27T09:00:00.300Z'),
        entry(2, 'scan-b', '2026-11-27T09:00:00.300Z'),
      ]),
    );
    assert.equal(retried.written, true);
    assert.deepEqual(await timeline(), [
      '1 scan-a 2026-11-27T09:00:00.300Z',
      '2 scan-b 2026-11-27T09:00:00.300Z',
    ]);
  });

  test('an older snapshot changes nothing; the same one again is harmless', async () => {
    const stale = await project(snapshot(1, [entry(1, 'scan-a', '2026-11-27T09:00:00.100Z')]));
    assert.equal(stale.written, false);
    const again = await project(snapshot(2, [entry(2, 'scan-b', '2026-11-27T09:00:00.300Z')]));
    assert.equal(again.written, true);
    assert.deepEqual(await timeline(), [
      '1 scan-a 2026-11-27T09:00:00.300Z',
      '2 scan-b 2026-11-27T09:00:00.300Z',
    ]);
    const { rows } = await database.db.query<{ version: number }>(
      'SELECT version FROM orders WHERE order_id = $1',
      [order.orderId],
    );
    assert.equal(rows[0]?.version, 2);
  });
});
