import type { Queryable } from '../db/database';
import { recordSourceSuccess } from './source-health';

const FLUSH_EVERY_MS = 1_000;

interface Pending {
  channel: string;
  accountId: string;
  count: number;
  lastAt: Date;
}

const pendingByDatabase = new WeakMap<Queryable, Map<string, Pending>>();

/**
 * Notes an admitted delivery for its source's health. Every order of a busy channel would otherwise
 * update the same row and queue on its lock, so each process folds its successes into one write per
 * source a second. A process that dies loses at most that second of counts; failures are written
 * at once (recordSourceFailure), and a later failure is never hidden by an earlier batched success.
 */
export function noteSourceSuccess(db: Queryable, channel: string, accountId: string): void {
  let pending = pendingByDatabase.get(db);
  if (!pending) {
    pending = new Map();
    pendingByDatabase.set(db, pending);
  }
  if (pending.size === 0)
    setTimeout(() => void flushSourceSuccesses(db).catch(() => undefined), FLUSH_EVERY_MS).unref();
  const key = `${channel}\u0000${accountId}`;
  const entry = pending.get(key) ?? { channel, accountId, count: 0, lastAt: new Date() };
  entry.count += 1;
  entry.lastAt = new Date();
  pending.set(key, entry);
}

/** Writes the successes noted so far (also before source health is read, so reads are current). */
export async function flushSourceSuccesses(db: Queryable): Promise<void> {
  const pending = pendingByDatabase.get(db);
  if (!pending || pending.size === 0) return;
  const entries = [...pending.values()];
  pending.clear();
  for (const { channel, accountId, count, lastAt } of entries) {
    await recordSourceSuccess(db, channel, accountId, { at: lastAt, count });
  }
}
