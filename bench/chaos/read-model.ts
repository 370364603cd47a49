import type { Queryable } from '../../src/db/database';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a query again while PostgreSQL is restarting or otherwise briefly unreachable. */
export async function persistently<T>(work: () => Promise<T>, deadlineMs = 300_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(500);
    }
  }
}

export async function readStatus(db: Queryable, orderId: string): Promise<string | undefined> {
  const { rows } = await persistently(() =>
    db.query<{ status: string }>('SELECT status FROM orders WHERE order_id = $1', [orderId]),
  );
  return rows[0]?.status;
}

/** Waits until the read model shows the order in one of `statuses`; returns the status. */
export async function awaitStatus(
  db: Queryable,
  orderId: string,
  statuses: string[],
  timeoutMs = 600_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let status: string | undefined;
  while (Date.now() < deadline) {
    status = await readStatus(db, orderId);
    if (status && statuses.includes(status)) return status;
    await sleep(250);
  }
  throw new Error(`${orderId} is ${status ?? 'not in the read model'}, not ${statuses.join(' or ')}`);
}

export async function trackingNumberOf(db: Queryable, orderId: string): Promise<string> {
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    const { rows } = await persistently(() =>
      db.query<{ tracking_number: string }>(
        'SELECT tracking_number FROM shipments WHERE order_id = $1 ORDER BY shipment_no LIMIT 1',
        [orderId],
      ),
    );
    if (rows[0]) return rows[0].tracking_number;
    await sleep(250);
  }
  throw new Error(`${orderId} has no shipment in the read model`);
}
