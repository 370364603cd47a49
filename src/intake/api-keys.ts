import type { Queryable } from '../db/database';
import { constantTimeEqual } from '../security/constant-time';
import { freshSecret, hashSecret } from '../security/secret-hash';

const KEY_PATTERN = /^ik_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/;

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
  await db.query('UPDATE intake_api_keys SET revoked_at = now() WHERE key_id = $1 AND revoked_at IS NULL', [
    keyId,
  ]);
}

/** The live key's ID and account, or undefined for anything else (constant-time hash comparison). */
export async function channelKeyAccount(
  db: Queryable,
  presented: string | undefined,
): Promise<{ keyId: string; accountId: string } | undefined> {
  const match = KEY_PATTERN.exec(presented ?? '');
  if (!match) return undefined;
  const [, keyId = '', secret = ''] = match;
  const { rows } = await db.query<{ account_id: string; salt: Buffer; key_hash: Buffer }>(
    'SELECT account_id, salt, key_hash FROM intake_api_keys WHERE key_id = $1 AND revoked_at IS NULL',
    [keyId],
  );
  const row = rows[0];
  if (!row) return undefined;
  const presentedHash = hashSecret(Buffer.from(row.salt), secret);
  return constantTimeEqual(Buffer.from(row.key_hash), presentedHash)
    ? { keyId, accountId: row.account_id }
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
