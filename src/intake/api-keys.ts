import type { Queryable } from '../db/database';
import { constantTimeEqual } from '../security/constant-time';
import { freshSecret, hashSecret } from '../security/secret-hash';

const KEY_PATTERN = /^ik_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/;

/**
 * A live key's row is held this long, so a channel's every order does not ask the database for it.
 * Revoking a key drops it here at once; other processes stop accepting it within this time.
 */
export const LIVE_KEY_CACHE_MS = 30_000;
const LIVE_KEY_CACHE_LIMIT = 10_000;

interface LiveKey {
  accountId: string;
  salt: Buffer;
  keyHash: Buffer;
  until: number;
}

interface LiveKeyCache {
  keys: Map<string, LiveKey>;
  /** Counts revocations, so a row read while a key was being revoked is not held. */
  revocations: number;
}

const cacheByDatabase = new WeakMap<Queryable, LiveKeyCache>();

function cacheOf(db: Queryable): LiveKeyCache {
  let cache = cacheByDatabase.get(db);
  if (!cache) {
    cache = { keys: new Map(), revocations: 0 };
    cacheByDatabase.set(db, cache);
  }
  return cache;
}

function forget(db: Queryable, keyId: string): void {
  const cache = cacheOf(db);
  cache.revocations += 1;
  cache.keys.delete(keyId);
}

/** The key's row while it is live; only rows of live keys are held, so unknown key IDs cannot fill it. */
async function liveKey(db: Queryable, keyId: string): Promise<LiveKey | undefined> {
  const cache = cacheOf(db);
  const held = cache.keys.get(keyId);
  if (held && held.until > Date.now()) return held;
  cache.keys.delete(keyId);
  const revocationsBefore = cache.revocations;
  const { rows } = await db.query<{ account_id: string; salt: Buffer; key_hash: Buffer }>(
    'SELECT account_id, salt, key_hash FROM intake_api_keys WHERE key_id = $1 AND revoked_at IS NULL',
    [keyId],
  );
  const row = rows[0];
  if (!row) return undefined;
  const key = {
    accountId: row.account_id,
    salt: Buffer.from(row.salt),
    keyHash: Buffer.from(row.key_hash),
    until: Date.now() + LIVE_KEY_CACHE_MS,
  };
  if (cache.revocations !== revocationsBefore) return key;
  if (cache.keys.size >= LIVE_KEY_CACHE_LIMIT) cache.keys.delete(cache.keys.keys().next().value!);
  cache.keys.set(keyId, key);
  return key;
}

/** Issues a new API key for a REST channel account. The key is returned once; only its hash is kept. */
export async function issueChannelApiKey(
  db: Queryable,
  accountId: string,
): Promise<{ keyId: string; apiKey: string }> {
  const { id: keyId, secret, salt } = freshSecret();
  await db.query('INSERT INTO intake_api_keys (key_id, account_id, salt, key_hash) VALUES ($1, $2, $3, $4)', [
    keyId,
    accountId,
    salt,
    hashSecret(salt, secret),
  ]);
  return { keyId, apiKey: `ik_${keyId}_${secret}` };
}

export async function revokeChannelApiKey(db: Queryable, keyId: string): Promise<void> {
  // Before and after the write: a row read in between is neither kept nor still held.
  forget(db, keyId);
  await db.query('UPDATE intake_api_keys SET revoked_at = now() WHERE key_id = $1 AND revoked_at IS NULL', [
    keyId,
  ]);
  forget(db, keyId);
}

/** The live key's ID and account, or undefined for anything else (constant-time hash comparison). */
export async function channelKeyAccount(
  db: Queryable,
  presented: string | undefined,
): Promise<{ keyId: string; accountId: string } | undefined> {
  const match = KEY_PATTERN.exec(presented ?? '');
  if (!match) return undefined;
  const [, keyId = '', secret = ''] = match;
  const key = await liveKey(db, keyId);
  if (!key) return undefined;
  return constantTimeEqual(key.keyHash, hashSecret(key.salt, secret))
    ? { keyId, accountId: key.accountId }
    : undefined;
}

/** True when the presented key is a live key of this account (constant-time hash comparison). */
export async function apiKeyBelongsTo(
  db: Queryable,
  accountId: string,
  presented: string | undefined,
): Promise<boolean> {
  return (await channelKeyAccount(db, presented))?.accountId === accountId;
}
