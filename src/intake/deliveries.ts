import type { Queryable } from '../db/database';
import { dbText } from './db-text';

export type DeliveryOutcome =
  | 'processing'
  | 'accepted'
  | 'stale'
  | 'cancelled'
  | 'deferred'
  | 'ignored'
  | 'not_for_fulfillment'
  | 'dead_letter';

export interface DeliveryKey {
  channel: string;
  accountId: string;
  deliveryId: string;
}

function keyParams(key: DeliveryKey): string[] {
  return [dbText(key.channel, 40), dbText(key.accountId, 200), dbText(key.deliveryId, 300)];
}

export type DeliveryClaim =
  { claimed: true } | { claimed: false; outcome: DeliveryOutcome; orderId: string | null };

/**
 * Claims a channel delivery (webhook ID, notification ID) for processing. A delivery seen before is
 * not claimed again, except one that ended as a dead letter (the channel's retry gets another go) or
 * one whose processing was cut off by a crash minutes ago.
 */
export async function claimDelivery(db: Queryable, key: DeliveryKey): Promise<DeliveryClaim> {
  const inserted = await db.query(
    `INSERT INTO intake_deliveries (channel, account_id, delivery_id, outcome) VALUES ($1, $2, $3, 'processing')
     ON CONFLICT DO NOTHING RETURNING 1`,
    keyParams(key),
  );
  if (inserted.rows.length > 0) return { claimed: true };
  const retried = await db.query(
    `UPDATE intake_deliveries SET outcome = 'processing', updated_at = now()
     WHERE channel = $1 AND account_id = $2 AND delivery_id = $3
       AND (outcome = 'dead_letter' OR (outcome = 'processing' AND updated_at < now() - interval '2 minutes'))
     RETURNING 1`,
    keyParams(key),
  );
  if (retried.rows.length > 0) return { claimed: true };
  const { rows } = await db.query<{ outcome: DeliveryOutcome; order_id: string | null }>(
    'SELECT outcome, order_id FROM intake_deliveries WHERE channel = $1 AND account_id = $2 AND delivery_id = $3',
    keyParams(key),
  );
  const row = rows[0];
  // Vanishes only if a concurrent attempt released its claim; treat it as in flight.
  return { claimed: false, outcome: row?.outcome ?? 'processing', orderId: row?.order_id ?? null };
}

export async function settleDelivery(
  db: Queryable,
  key: DeliveryKey,
  outcome: Exclude<DeliveryOutcome, 'processing'>,
  orderId: string | null,
): Promise<void> {
  await db.query(
    `UPDATE intake_deliveries SET outcome = $4, order_id = COALESCE($5, order_id), updated_at = now()
     WHERE channel = $1 AND account_id = $2 AND delivery_id = $3`,
    [...keyParams(key), outcome, dbText(orderId, 400)],
  );
}

/** Gives a claim back after a transient failure, so the channel's retry is processed afresh. */
export async function releaseDelivery(db: Queryable, key: DeliveryKey): Promise<void> {
  await db.query(
    `DELETE FROM intake_deliveries WHERE channel = $1 AND account_id = $2 AND delivery_id = $3 AND outcome = 'processing'`,
    keyParams(key),
  );
}
