import type { Queryable } from '../db/database';

export interface OpsAuditEntry {
  principal: string;
  action: string;
  method: string;
  path: string;
  status: number;
  details?: Record<string, unknown>;
}

/** Records an operator action with the principal that took it. */
export async function recordOpsAudit(db: Queryable, entry: OpsAuditEntry): Promise<void> {
  await db.query(
    'INSERT INTO ops_audit (principal, action, method, path, status, details) VALUES ($1, $2, $3, $4, $5, $6)',
    [
      entry.principal.slice(0, 300),
      entry.action,
      entry.method,
      entry.path.slice(0, 2000),
      entry.status,
      entry.details ? JSON.stringify(entry.details) : null,
    ],
  );
}

export interface OpsAuditRow extends OpsAuditEntry {
  at: string;
}

/** The latest audited actions, newest first. */
export async function recentOpsAudit(db: Queryable, limit = 100): Promise<OpsAuditRow[]> {
  const { rows } = await db.query<{
    principal: string;
    action: string;
    method: string;
    path: string;
    status: number;
    details: Record<string, unknown> | null;
    at: Date;
  }>('SELECT principal, action, method, path, status, details, at FROM ops_audit ORDER BY id DESC LIMIT $1', [
    limit,
  ]);
  return rows.map(({ details, at, ...row }) => ({
    ...row,
    ...(details ? { details } : {}),
    at: new Date(at).toISOString(),
  }));
}
