import type { Database } from '../../src/db/database';

/** Polls until check() is true; throws after timeoutMs. */
export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 20,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`benchmark condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export async function countWithStatus(db: Database, orderIds: string[], status: string): Promise<number> {
  const result = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM orders WHERE order_id = ANY($1::text[]) AND status = $2`,
    [orderIds, status],
  );
  return result.rows[0]?.n ?? 0;
}
