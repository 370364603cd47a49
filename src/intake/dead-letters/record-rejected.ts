import type { Queryable } from '../../db/database';
import { restImpactHints } from '../channels/rest';
import type { FieldProblem } from '../types';
import { keepDeadLetter, type DeadLetterLimits } from './quota';

/**
 * For the core's canonical POST /orders: keeps an order it rejected as a dead letter (channel 'web'
 * unless the submission named another), so ops can correct and replay it like any channel's.
 */
export async function recordRejectedOrder(
  db: Queryable,
  rejected: { channel?: string; accountId?: string; rawBody: Buffer | string; errors: FieldProblem[] },
  limits?: DeadLetterLimits,
): Promise<{ deadLetterId: number | undefined }> {
  const text = Buffer.isBuffer(rejected.rawBody) ? rejected.rawBody.toString('utf8') : rejected.rawBody;
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    payload = undefined;
  }
  const deadLetterId = await keepDeadLetter(
    db,
    {
      channel: rejected.channel ?? 'web',
      accountId: rejected.accountId ?? null,
      stage: payload === undefined ? 'parsing' : 'validation',
      rawBody: rejected.rawBody,
      headers: { 'content-type': 'application/json' },
      errors: rejected.errors,
      hints: restImpactHints(payload),
    },
    limits,
  );
  return { deadLetterId };
}
