import type { Queryable } from '../db/database';
import { dbText } from './db-text';

/** Who fulfils an order this service does not ship. */
export type FulfilledBy = 'marketplace' | 'in_store';

export interface NotForFulfillment {
  orderId: string;
  channel: string;
  accountId: string;
  externalId: string;
  fulfilledBy: FulfilledBy;
  reason: string;
  totalMinor?: number;
  currency?: string;
}

/** Records (or refreshes) a channel order that is acknowledged but not shipped by this service. */
export async function recordNotForFulfillment(db: Queryable, order: NotForFulfillment): Promise<void> {
  await db.query(
    `INSERT INTO intake_not_for_fulfillment
       (order_id, channel, account_id, external_id, fulfilled_by, reason, total_minor, currency)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (order_id) DO UPDATE SET fulfilled_by = EXCLUDED.fulfilled_by, reason = EXCLUDED.reason,
       total_minor = COALESCE(EXCLUDED.total_minor, intake_not_for_fulfillment.total_minor),
       currency = COALESCE(EXCLUDED.currency, intake_not_for_fulfillment.currency), updated_at = now()`,
    [
      dbText(order.orderId, 400),
      dbText(order.channel, 40),
      dbText(order.accountId, 200),
      dbText(order.externalId, 200),
      order.fulfilledBy,
      dbText(order.reason, 500),
      order.totalMinor !== undefined && Number.isSafeInteger(order.totalMinor) ? order.totalMinor : null,
      dbText(order.currency, 8),
    ],
  );
}

export interface NotForFulfillmentRow extends NotForFulfillment {
  receivedAt: string;
  updatedAt: string;
}

export async function listNotForFulfillment(
  db: Queryable,
  filter: { channel?: string; limit: number },
): Promise<NotForFulfillmentRow[]> {
  const result = await db.query<NotForFulfillmentRow>(
    `SELECT order_id AS "orderId", channel, account_id AS "accountId", external_id AS "externalId",
       fulfilled_by AS "fulfilledBy", reason, total_minor::float8 AS "totalMinor", currency,
       received_at AS "receivedAt", updated_at AS "updatedAt"
     FROM intake_not_for_fulfillment WHERE ($1::text IS NULL OR channel = $1)
     ORDER BY received_at DESC LIMIT $2`,
    [filter.channel ?? null, filter.limit],
  );
  return result.rows;
}
