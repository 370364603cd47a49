import type { Queryable } from '../db/database';
import { constantTimeEqual } from './constant-time';
import { parseScopeList, type OperatorScope } from './scopes';
import { freshSecret, hashSecret } from './secret-hash';

const TOKEN_PATTERN = /^st_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/;

export interface ServiceTokenInfo {
  tokenId: string;
  name: string;
  scopes: OperatorScope[];
  createdAt: string;
  revokedAt: string | null;
}

/** Issues a service token with its scopes. The token is returned once; only its hash is kept. */
export async function issueServiceToken(
  db: Queryable,
  name: string,
  scopes: readonly OperatorScope[],
): Promise<{ tokenId: string; token: string }> {
  const { id, secret, salt } = freshSecret();
  await db.query(
    'INSERT INTO ops_service_tokens (token_id, name, scopes, salt, token_hash) VALUES ($1, $2, $3, $4, $5)',
    [id, name, [...scopes], salt, hashSecret(salt, secret)],
  );
  return { tokenId: id, token: `st_${id}_${secret}` };
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
    revoked_at: Date | null;
  }>('SELECT token_id, name, scopes, created_at, revoked_at FROM ops_service_tokens ORDER BY created_at');
  return rows.map((row) => ({
    tokenId: row.token_id,
    name: row.name,
    scopes: parseScopeList(row.scopes.join(',')).scopes,
    createdAt: new Date(row.created_at).toISOString(),
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
  }));
}

/** The live token's name and scopes, or undefined for anything else (constant-time hash comparison). */
export async function verifyServiceToken(
  db: Queryable,
  presented: string,
): Promise<{ name: string; scopes: OperatorScope[] } | undefined> {
  const match = TOKEN_PATTERN.exec(presented);
  if (!match) return undefined;
  const [, tokenId, secret = ''] = match;
  const { rows } = await db.query<{ name: string; scopes: string[]; salt: Buffer; token_hash: Buffer }>(
    'SELECT name, scopes, salt, token_hash FROM ops_service_tokens WHERE token_id = $1 AND revoked_at IS NULL',
    [tokenId],
  );
  const row = rows[0];
  if (!row) return undefined;
  const presentedHash = hashSecret(Buffer.from(row.salt), secret);
  if (!constantTimeEqual(Buffer.from(row.token_hash), presentedHash)) return undefined;
  return { name: row.name, scopes: parseScopeList(row.scopes.join(',')).scopes };
}
