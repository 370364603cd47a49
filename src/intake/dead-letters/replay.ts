import { SALES_CHANNELS, type SalesChannel } from '../../domain/order';
import type { IntakeFlow } from '../http/intake-router';
import type { IntakeOutcome } from '../outcome';
import { auditDeadLetter, getDeadLetter, resolveDeadLetter } from './store';

export type ReplayResult =
  | { found: false }
  | { found: true; alreadyResolved: true; status: string }
  | { found: true; alreadyResolved: false; truncated: true }
  | { found: true; alreadyResolved: false; outcome: IntakeOutcome; resolved: boolean };

/**
 * Sends a dead letter through the same intake flow again. Deliveries dedupe as usual, so a replay of
 * an order that has since arrived finds it instead of starting another. Signatures are skipped only
 * for letters whose body is still the one that passed verification; a letter that failed it, or was
 * corrected since (its body is no longer what the channel signed), is verified again unless accepted
 * unverified (the route lets only an admin, with a reason; it is audited).
 */
export async function replayDeadLetter(
  flow: IntakeFlow,
  id: number,
  actor: string,
  options: { acceptUnverified?: boolean; reason?: string } = {},
): Promise<ReplayResult> {
  const db = flow.deps.db;
  const letter = await getDeadLetter(db, id);
  if (!letter) return { found: false };
  if (letter.status !== 'open') return { found: true, alreadyResolved: true, status: letter.status };
  if (letter.bodyTruncated) return { found: true, alreadyResolved: false, truncated: true };
  const channel = (SALES_CHANNELS as readonly string[]).includes(letter.channel)
    ? (letter.channel as SalesChannel)
    : 'web';
  const trusted = letter.verified || options.acceptUnverified === true;
  const outcome = await flow.process({
    channel,
    ...(letter.accountId ? { routeAccountId: letter.accountId } : {}),
    rawBody: letter.rawBody,
    headers: letter.headers,
    replay: { deadLetterId: id, trusted, deliveryId: letter.deliveryId, accountId: letter.accountId },
  });
  const succeeded = outcome.kind !== 'rejected' && outcome.kind !== 'retry';
  const resolved = succeeded
    ? await resolveDeadLetter(db, id, 'replayed', `replayed: ${outcome.kind}`)
    : false;
  await auditDeadLetter(db, id, 'replay', actor, options.reason ?? null, {
    outcome,
    trusted,
    acceptUnverified: options.acceptUnverified === true,
    verified: letter.verified,
  });
  return { found: true, alreadyResolved: false, outcome, resolved };
}
