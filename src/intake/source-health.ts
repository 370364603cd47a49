import type { Queryable } from '../db/database';
import { dbText } from './db-text';
import { flushSourceSuccesses } from './source-successes';

export interface SourceHealth {
  channel: string;
  accountId: string;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  failureStreak: number;
  lastError: string | null;
  successes: number;
  failures: number;
  lastReconciledAt: string | null;
}

export async function recordSourceSuccess(
  db: Queryable,
  channel: string,
  accountId: string,
  { at = new Date(), count = 1 }: { at?: Date; count?: number } = {},
): Promise<void> {
  // A failure recorded after `at` keeps its streak: a batched success must not hide it.
  await db.query(
    `INSERT INTO intake_source_health (channel, account_id, last_success_at, successes) VALUES ($1, $2, $3, $4)
     ON CONFLICT (channel, account_id) DO UPDATE SET
       last_success_at = GREATEST(intake_source_health.last_success_at, $3),
       failure_streak = CASE WHEN intake_source_health.last_failure_at > $3
                             THEN intake_source_health.failure_streak ELSE 0 END,
       successes = intake_source_health.successes + $4`,
    [dbText(channel, 40), dbText(accountId, 200), at, count],
  );
}

export async function recordSourceFailure(
  db: Queryable,
  channel: string,
  accountId: string,
  error: string,
): Promise<void> {
  await db.query(
    `INSERT INTO intake_source_health (channel, account_id, last_failure_at, failure_streak, last_error, failures)
     VALUES ($1, $2, now(), 1, $3, 1)
     ON CONFLICT (channel, account_id) DO UPDATE SET last_failure_at = now(),
       failure_streak = intake_source_health.failure_streak + 1, last_error = $3,
       failures = intake_source_health.failures + 1`,
    [dbText(channel, 40), dbText(accountId, 200), dbText(error, 500)],
  );
}

export async function recordReconciled(db: Queryable, channel: string, accountId: string): Promise<void> {
  await db.query(
    `INSERT INTO intake_source_health (channel, account_id, last_reconciled_at) VALUES ($1, $2, now())
     ON CONFLICT (channel, account_id) DO UPDATE SET last_reconciled_at = now()`,
    [dbText(channel, 40), dbText(accountId, 200)],
  );
}

export async function listSourceHealth(db: Queryable): Promise<SourceHealth[]> {
  await flushSourceSuccesses(db);
  const { rows } = await db.query<{
    channel: string;
    account_id: string;
    last_success_at: Date | null;
    last_failure_at: Date | null;
    failure_streak: number;
    last_error: string | null;
    successes: number;
    failures: number;
    last_reconciled_at: Date | null;
  }>('SELECT * FROM intake_source_health ORDER BY failure_streak DESC, channel, account_id');
  const iso = (value: Date | null): string | null => (value ? new Date(value).toISOString() : null);
  return rows.map((row) => ({
    channel: row.channel,
    accountId: row.account_id,
    lastSuccessAt: iso(row.last_success_at),
    lastFailureAt: iso(row.last_failure_at),
    failureStreak: row.failure_streak,
    lastError: row.last_error,
    successes: Number(row.successes),
    failures: Number(row.failures),
    lastReconciledAt: iso(row.last_reconciled_at),
  }));
}
