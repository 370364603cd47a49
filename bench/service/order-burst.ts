import type { Database } from '../../src/db/database';
import { defaultCredentials } from '../../test/support/ops-credentials';
import { sampleOrder } from '../../test/support/orders';
import { daytimeZone } from '../support/daytime-zone';
import { withConcurrency } from '../support/pacing';
import { waitFor } from '../support/read-model';

export interface BurstFigures {
  orders: number;
  acceptedPerS: number;
  /** Last order accepted → every order projected (reserved in the read model), s. */
  projectedAfterS: number;
  /** Last order accepted → every order's confirmation accepted by the provider, s. */
  confirmedAfterS: number;
  /** Confirmations accepted per second, from the first to the last. */
  messagesPerS: number;
  /** The service process's resident set with every burst order open, bytes. */
  rssBytes: number;
}

/**
 * How many of the burst's orders are reserved in the read model and have their confirmation accepted.
 * By order ID: index lookups, whose cost grows with the burst, not with every order and delivery the
 * earlier runs made (which a LIKE prefix scans: it takes no index unless the collation is C).
 */
async function countDone(
  db: Database,
  orderIds: string[],
): Promise<{ projected: number; confirmed: number }> {
  const result = await db.query<{ projected: number; confirmed: number }>(
    `SELECT (SELECT count(*)::int FROM orders WHERE order_id = ANY($1::text[]) AND status = 'reserved') AS projected,
            (SELECT count(DISTINCT order_id)::int FROM notification_deliveries
              WHERE order_id = ANY($1::text[]) AND milestone = 'order_confirmed' AND sent_at IS NOT NULL) AS confirmed`,
    [orderIds],
  );
  return result.rows[0]!;
}

/**
 * `count` orders through POST /orders as fast as the intake takes them (`concurrency` callers), then
 * how long until each is projected and its confirmation was accepted by the provider simulator.
 */
export async function orderBurst(input: {
  baseUrl: string;
  db: Database;
  prefix: string;
  count: number;
  concurrency: number;
  sku: string;
  rssBytes: () => number;
}): Promise<BurstFigures> {
  const { baseUrl, db, prefix, count } = input;
  const promised = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  let lastAcceptedAt = 0;
  const elapsedMs = await withConcurrency(count, input.concurrency, async (i) => {
    const base = sampleOrder({
      externalId: `${prefix}-${i}`,
      lines: [{ sku: input.sku, quantity: 1, unitPriceMinor: 999 }],
    });
    const body = {
      ...base,
      customer: { ...base.customer, timeZone: daytimeZone() },
      promisedDeliveryDate: promised,
    };
    for (;;) {
      const response = await fetch(`${baseUrl}/orders`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(await defaultCredentials(baseUrl, 'POST', '/orders', body)),
        },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      if (response.ok) break;
      // The intake's spike bulkhead sheds load with 429/503: the caller comes back, as a channel would.
      if (response.status !== 429 && response.status !== 503) {
        throw new Error(`POST /orders answered ${response.status}: ${text}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    lastAcceptedAt = Date.now();
  });
  let projectedAt = 0;
  const orderIds = Array.from({ length: count }, (_, i) => `web:acme:${prefix}-${i}`);
  // Once a second: at 10 000 orders a poll costs PostgreSQL about 80 ms, and its CPU is measured with
  // the service's; polled every 20 ms, it kept a PostgreSQL backend busy through the burst.
  await waitFor(
    async () => {
      const done = await countDone(db, orderIds);
      if (!projectedAt && done.projected === count) projectedAt = Date.now();
      return done.projected === count && done.confirmed === count;
    },
    1_800_000,
    1000,
  );
  const span = await db.query<{ first: Date; last: Date }>(
    `SELECT min(sent_at) AS first, max(sent_at) AS last FROM notification_deliveries
     WHERE order_id = ANY($1::text[]) AND milestone = 'order_confirmed' AND sent_at IS NOT NULL`,
    [orderIds],
  );
  const { first, last } = span.rows[0]!;
  return {
    orders: count,
    acceptedPerS: count / (elapsedMs / 1000),
    projectedAfterS: (projectedAt - lastAcceptedAt) / 1000,
    confirmedAfterS: (last.getTime() - lastAcceptedAt) / 1000,
    messagesPerS: count / Math.max(0.001, (last.getTime() - first.getTime()) / 1000),
    rssBytes: input.rssBytes(),
  };
}
