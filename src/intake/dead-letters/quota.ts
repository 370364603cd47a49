import type { Queryable } from '../../db/database';
import { intakeDeadLettersRefusedTotal } from '../../observability/metrics';
import type { IntakeConfig } from '../config';
import { dbText } from '../db-text';
import { recordDeadLetter, type NewDeadLetter } from './store';

export type DeadLetterLimits = IntakeConfig['deadLetters'];

export const DEFAULT_DEAD_LETTER_LIMITS: DeadLetterLimits = {
  maxOpenPerAccount: 1000,
  maxUnverifiedPerAccount: 100,
  maxOpenTotal: 100_000,
  maxStoredBodyBytes: 256 * 1024,
};

const accountOf = (letter: NewDeadLetter) => dbText(letter.accountId ?? letter.hints?.accountId ?? null, 128);

/** Why a letter was not kept; undefined: there is room. */
async function quotaRefusal(
  db: Queryable,
  letter: NewDeadLetter,
  limits: DeadLetterLimits,
): Promise<'account_quota' | 'total_cap' | undefined> {
  const verified = letter.verified ?? letter.stage !== 'verification';
  const { rows } = await db.query<{ account: number; total: number }>(
    `SELECT
       (SELECT count(*)::int FROM intake_dead_letters
         WHERE status = 'open' AND channel = $1 AND account_id IS NOT DISTINCT FROM $2 AND verified = $3) AS account,
       (SELECT count(*)::int FROM intake_dead_letters WHERE status = 'open') AS total`,
    [dbText(letter.channel, 40), accountOf(letter), verified],
  );
  const counts = rows[0] ?? { account: 0, total: 0 };
  const perAccount = verified ? limits.maxOpenPerAccount : limits.maxUnverifiedPerAccount;
  if (counts.account >= perAccount) return 'account_quota';
  if (counts.total >= limits.maxOpenTotal) return 'total_cap';
  return undefined;
}

/** The open letter a channel's redelivery would update, which a full quota does not refuse. */
async function openLetterOfDelivery(db: Queryable, letter: NewDeadLetter): Promise<boolean> {
  if (!letter.deliveryId) return false;
  const { rows } = await db.query(
    `SELECT 1 FROM intake_dead_letters
     WHERE channel = $1 AND account_id IS NOT DISTINCT FROM $2 AND delivery_id = $3 AND status = 'open'`,
    [dbText(letter.channel, 40), accountOf(letter), dbText(letter.deliveryId, 200)],
  );
  return rows.length > 0;
}

/**
 * Keeps a rejected delivery within the quotas: once its account has its share of open letters (a
 * smaller share for letters that failed verification, which anyone can send) or all open letters
 * reach the total cap, new ones are refused and counted, never stored. Refusing, not dropping the
 * oldest, keeps a flood from erasing the letters ops still have to work. Undefined: not kept.
 */
export async function keepDeadLetter(
  db: Queryable,
  letter: NewDeadLetter,
  limits: DeadLetterLimits = DEFAULT_DEAD_LETTER_LIMITS,
): Promise<number | undefined> {
  const refusal = await quotaRefusal(db, letter, limits);
  if (refusal && !(await openLetterOfDelivery(db, letter))) {
    intakeDeadLettersRefusedTotal.inc({ channel: letter.channel, reason: refusal });
    return undefined;
  }
  return recordDeadLetter(db, letter, limits.maxStoredBodyBytes);
}
