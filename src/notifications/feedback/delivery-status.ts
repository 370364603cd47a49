import type { Queryable } from '../../db/database';
import { customerKeyOfOrder, type CustomerKey } from '../customer-key';
import type { MessageChannel } from '../message-channels';

export type FeedbackStatus = 'delivered' | 'bounced' | 'undelivered';

export interface FeedbackTarget {
  deliveryKey?: string;
  providerMessageId?: string;
}

export interface UpdatedDelivery {
  order_id: string;
  customer_id: string;
  channel: MessageChannel;
  recipient: string | null;
}

/**
 * Applies a provider's final word to the delivery record. Feedback proves the provider accepted the
 * message, so it also completes a record whose sending attempt has not written back yet. A final
 * status only changes again to "bounced" (a late bounce after "delivered").
 */
export async function applyFeedbackStatus(
  db: Queryable,
  target: FeedbackTarget,
  status: FeedbackStatus,
  detail: string | undefined,
): Promise<UpdatedDelivery | undefined> {
  const { rows } = await db.query<UpdatedDelivery>(
    `${APPLY_STATUS} RETURNING order_id, customer_id, channel, recipient`,
    [target.deliveryKey ?? null, target.providerMessageId ?? null, status, detail ?? null],
  );
  return rows[0];
}

const APPLY_STATUS = `UPDATE notification_deliveries
    SET status = $3, provider_message_id = COALESCE(provider_message_id, $2), lease_until = NULL,
        sent_at = COALESCE(sent_at, now()), last_error = COALESCE($4, last_error), updated_at = now()
  WHERE (delivery_key = $1 OR ($1::text IS NULL AND provider_message_id = $2))
    AND (status NOT IN ('delivered', 'bounced', 'undelivered', 'suppressed') OR ($3 = 'bounced' AND status = 'delivered'))`;

/**
 * A provider event that changes nothing but the delivery's status (or nothing at all): its first
 * sighting and its effect in one statement, so both commit or neither does. True when it was new.
 */
export async function applyFeedbackOnce(
  db: Queryable,
  sighting: { provider: string; eventId: string },
  target: FeedbackTarget,
  status: FeedbackStatus | undefined,
  detail: string | undefined,
): Promise<boolean> {
  const { rows } = await db.query<{ fresh: boolean }>(
    `WITH seen AS (
       INSERT INTO notification_provider_events (provider, event_id) VALUES ($5, $6)
       ON CONFLICT DO NOTHING RETURNING event_id
     ), applied AS (
       ${APPLY_STATUS} AND $3::text IS NOT NULL AND EXISTS (SELECT 1 FROM seen)
     )
     SELECT EXISTS (SELECT 1 FROM seen) AS fresh`,
    [
      target.deliveryKey ?? null,
      target.providerMessageId ?? null,
      status ?? null,
      detail ?? null,
      sighting.provider,
      sighting.eventId,
    ],
  );
  return rows[0]?.fresh === true;
}

/** True the first time a provider event ID is seen; providers retry webhooks, so repeats are normal. */
export async function firstSighting(db: Queryable, provider: string, eventId: string): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO notification_provider_events (provider, event_id) VALUES ($1, $2)
     ON CONFLICT DO NOTHING RETURNING event_id`,
    [provider, eventId],
  );
  return rows.length > 0;
}

/** The customer (of its order's channel account) a delivery record was sent to. */
export function customerKeyOfDelivery(row: {
  order_id: string;
  customer_id: string;
}): CustomerKey | undefined {
  return customerKeyOfOrder(row.order_id, row.customer_id);
}

/** The customer of the delivery a provider event names by our delivery key. */
export async function customerKeyOfDeliveryKey(db: Queryable, key: string): Promise<CustomerKey | undefined> {
  const { rows } = await db.query<{ order_id: string; customer_id: string }>(
    'SELECT order_id, customer_id FROM notification_deliveries WHERE delivery_key = $1',
    [key],
  );
  return rows[0] && customerKeyOfDelivery(rows[0]);
}

/**
 * Customers, each of its own channel account, who were sent SMS at this number: a STOP reply names
 * only the number, and stops SMS for every customer who got messages at it (as the carrier's own
 * opt-out for the number would), and for no other customer with the same ID.
 */
export async function customerKeysByPhone(db: Queryable, phone: string): Promise<CustomerKey[]> {
  const { rows } = await db.query<{ order_id: string; customer_id: string }>(
    `SELECT DISTINCT ON (split_part(order_id, ':', 1), split_part(order_id, ':', 2), customer_id) order_id, customer_id
       FROM notification_deliveries WHERE channel = 'sms' AND recipient = $1`,
    [phone],
  );
  return rows.flatMap((row) => customerKeyOfDelivery(row) ?? []);
}
