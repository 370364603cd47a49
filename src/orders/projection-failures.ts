import type { Queryable } from '../db/database';
import { dbText } from '../intake/db-text';

/** A read-model write PostgreSQL refused for its data: the order's version it would have written. */
export interface ProjectionFailure {
  orderId: string;
  version: number;
  sqlstate: string;
  message: string;
  failedAt: string;
}

/**
 * The SQLSTATE of an error PostgreSQL raised for the data it was given (class 22, data exception:
 * invalid byte sequence, character not in repertoire, value too long; class 23, integrity constraint
 * violation: a check or not-null refused). Retrying the same write can never succeed.
 */
export function dataErrorState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code) ? code : undefined;
}

/** Keeps one failure per order and version; a retried write of the same version records it once. */
export async function recordProjectionFailure(
  db: Queryable,
  failure: Omit<ProjectionFailure, 'failedAt'>,
): Promise<void> {
  await db.query(
    `INSERT INTO order_projection_failures (order_id, version, sqlstate, message) VALUES ($1, $2, $3, $4)
     ON CONFLICT (order_id, version) DO NOTHING`,
    [
      dbText(failure.orderId, 300),
      failure.version,
      dbText(failure.sqlstate, 5),
      dbText(failure.message, 2000),
    ],
  );
}

/** The most recent failures first; ops look here when the sync check reports an order out of sync. */
export async function listProjectionFailures(
  db: Queryable,
  { limit, orderId }: { limit: number; orderId?: string },
): Promise<ProjectionFailure[]> {
  const result = await db.query<ProjectionFailure>(
    `SELECT order_id AS "orderId", version, sqlstate, message, failed_at AS "failedAt"
     FROM order_projection_failures WHERE ($2::text IS NULL OR order_id = $2)
     ORDER BY failed_at DESC, order_id, version DESC LIMIT $1`,
    [limit, orderId ?? null],
  );
  return result.rows;
}
