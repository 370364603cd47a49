import type { Queryable } from '../db/database';
import { dbText } from './db-text';

/** Cancels an order in the order core (e.g. signals its workflow). Optional: without it cancellations are recorded only. */
export type OrderCanceller = (orderId: string, reason: string) => Promise<void>;

export async function recordCancellation(
  db: Queryable,
  cancellation: { orderId: string; channel: string; accountId: string; reason: string; forwarded: boolean },
): Promise<void> {
  await db.query(
    `INSERT INTO intake_cancellations (order_id, channel, account_id, reason, forwarded) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (order_id) DO UPDATE SET forwarded = intake_cancellations.forwarded OR EXCLUDED.forwarded`,
    [
      dbText(cancellation.orderId, 400),
      dbText(cancellation.channel, 40),
      dbText(cancellation.accountId, 200),
      dbText(cancellation.reason, 500),
      cancellation.forwarded,
    ],
  );
}
