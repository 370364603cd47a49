import type { Database, Queryable } from '../db/database';
import type { RetentionPolicy } from './policy';

/** Rows deleted per statement, so a long backlog never holds locks for long. */
const BATCH = 5000;

export interface PurgeCounts {
  deadLetters: number;
  unknownTracking: number;
  deliveryLog: number;
  providerEvents: number;
  projectionFailures: number;
  unmappedPreferences: number;
}

const DAY_MS = 86_400_000;

function cutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/** Deletes, batch by batch, the rows of `table` whose `column` is before `before`. */
async function purgeTable(db: Queryable, table: string, column: string, before: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const { rows } = await db.query(
      `DELETE FROM ${table} WHERE ctid IN (SELECT ctid FROM ${table} WHERE ${column} < $1 LIMIT ${BATCH})
       RETURNING 1`,
      [before],
    );
    total += rows.length;
    if (rows.length < BATCH) return total;
  }
}

/** Dead letters last seen before the cutoff, whatever their status, with their audit trail. */
async function purgeDeadLetters(db: Database, before: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: number }>(
        `SELECT id FROM intake_dead_letters WHERE last_seen_at < $1 ORDER BY id LIMIT ${BATCH}`,
        [before],
      );
      const ids = rows.map((row) => Number(row.id));
      if (ids.length === 0) return 0;
      await tx.query('DELETE FROM intake_dead_letter_audit WHERE dead_letter_id = ANY($1::bigint[])', [ids]);
      await tx.query('DELETE FROM intake_dead_letters WHERE id = ANY($1::bigint[])', [ids]);
      return ids.length;
    });
    total += deleted;
    if (deleted < BATCH) return total;
  }
}

/** Applies the retention policy once: everything older than its period is deleted. */
export async function purgeExpired(
  db: Database,
  policy: RetentionPolicy,
  now: Date = new Date(),
): Promise<PurgeCounts> {
  return {
    deadLetters: await purgeDeadLetters(db, cutoff(now, policy.deadLetterDays)),
    unknownTracking: await purgeTable(
      db,
      'carrier_unknown_tracking',
      'last_seen_at',
      cutoff(now, policy.unknownTrackingDays),
    ),
    deliveryLog: await purgeTable(db, 'intake_deliveries', 'updated_at', cutoff(now, policy.deliveryLogDays)),
    providerEvents: await purgeTable(
      db,
      'notification_provider_events',
      'received_at',
      cutoff(now, policy.providerEventDays),
    ),
    projectionFailures: await purgeTable(
      db,
      'order_projection_failures',
      'failed_at',
      cutoff(now, policy.projectionFailureDays),
    ),
    unmappedPreferences: await purgeTable(
      db,
      'notification_preferences_unmapped',
      'migrated_at',
      cutoff(now, policy.unmappedPreferencesDays),
    ),
  };
}
