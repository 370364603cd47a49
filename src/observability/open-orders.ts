import type { Database } from '../db/database';
import { TERMINAL_STATUSES } from '../domain/order-status';

/** Statuses an order is no longer open in: the terminal ones and delivered. */
const CLOSED_STATUSES = [...TERMINAL_STATUSES, 'delivered'];

/** Open orders counted per status in the read model. */
export async function openOrderCounts(db: Database): Promise<{ status: string; count: number }[]> {
  const { rows } = await db.query<{ status: string; count: string | number }>(
    'SELECT status, count(*) AS count FROM orders WHERE NOT (status = ANY($1::text[])) GROUP BY status',
    [CLOSED_STATUSES],
  );
  return rows.map((row) => ({ status: row.status, count: Number(row.count) }));
}
