import type { Queryable } from '../db/database';
import { constantTimeEqual } from './constant-time';
import { parseScopeList, type OperatorScope } from './scopes';
import { freshSecret, hashSecret } from './secret-hash';

const TOKEN_PATTERN = /^st_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/;

/** Days a service token lives unless told otherwise, and the longest it may. */
export const DEFAULT_SERVICE_TOKEN_DAYS = 90;
export const MAX_SERVICE_TOKEN_DAYS = 365;

export interface ServiceTokenInfo {
  tokenId: string;
  name: string;
  scopes: OperatorScope[];
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

/**
 * Issues a service token with its scopes, living `expiresInDays` (1 to MAX_SERVICE_TOKEN_DAYS). The
 * token is returned once; only its hash is kept.
 */
export async function issueServiceToken(
  db: Queryable,
  name: string,
  scopes: readonly OperatorScope[],
  expiresInDays: number = DEFAULT_SERVICE_TOKEN_DAYS,
): Promise<{ tokenId: string; token: string; expiresAt: string }> {
  if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > MAX_SERVICE_TOKEN_DAYS) {
    throw new RangeError(`expiresInDays must be a whole number from 1 to ${MAX_SERVICE_TOKEN_DAYS}`);
  }
  const { id, secret, salt } = freshSecret();
  const { rows } = await db.query<{ expires_at: Date }>(
    `INSERT INTO ops_service_tokens (token_id, name, scopes, salt, token_hash, expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6::int)) RETURNING expires_at`,
    [id, name, [...scopes], salt, hashSecret(salt, secret), expiresInDays],
  );
  return { tokenId: id, token: `st_${id}_${secret}`, expiresAt: new Date(rows[0]!.expires_at).toISOString() };
}

/** True when a live token was revoked now. */
export async function revokeServiceToken(db: Queryable, tokenId: string): Promise<boolean> {
  const { rows } = await db.query(
    'UPDATE ops_service_tokens SET revoked_at = now() WHERE token_id = $1 AND revoked_at IS NULL RETURNING token_id',
    [tokenId],
  );
  return rows.length > 0;
}

export async function listServiceTokens(db: Queryable): Promise<ServiceTokenInfo[]> {
  const { rows } = await db.query<{
    token_id: string;
    name: string;
    scopes: string[];
    created_at: Date;
    expires_at: Date;
    revoked_at: Date | null;
  }>(
    'SELECT token_id, name, scopes, created_at, expires_at, revoked_at FROM ops_service_tokens ORDER BY created_at',
  );
  return rows.map((row) => ({
    tokenId: row.token_id,
    name: row.name,
    scopes: parseScopeList(row.scopes.join(',')).scopes,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
  }));
}

/**
 * The live token's name and scopes, or undefined for anything else: unknown, revoked, expired, wrong
 * secret (constant-time hash comparison).
 */
export async function verifyServiceToken(
  db: Queryable,
  presented: string,
): Promise<{ name: string; scopes: OperatorScope[] } | undefined> {
  const match = TOKEN_PATTERN.exec(presented);
  if (!match) return undefined;
  const [, tokenId, secret = ''] = match;
  const { rows } = await db.query<{ name: string; scopes: string[]; salt: Buffer; token_hash: Buffer }>(
    `SELECT name, scopes, salt, token_hash FROM ops_service_tokens
      WHERE token_id = $1 AND revoked_at IS NULL AND expires_at > now()`,
    [tokenId],
  );
  const row = rows[0];
  if (!row) return undefined;
  const presentedHash = hashSecret(Buffer.from(row.salt), secret);
  if (!constantTimeEqual(Buffer.from(row.token_hash), presentedHash)) return undefined;
  return { name: row.name, scopes: parseScopeList(row.scopes.join(',')).scopes };
}
