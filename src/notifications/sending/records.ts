import type { Database, Queryable } from '../../db/database';
import type { MessageChannel } from '../message-channels';
import type { OrderNotificationRequest } from '../contract';
import { deliveryKey } from './delivery-key';

export const SENT_STATUSES = ['sent', 'delivered', 'bounced', 'undelivered'] as const;
export type DeliveryStatus =
  'claimed' | 'attempt_failed' | 'attempt_unknown' | (typeof SENT_STATUSES)[number] | 'failed' | 'suppressed';

export interface DeliveryRecord {
  order_id: string;
  event_id: string;
  channel: MessageChannel;
  delivery_key: string;
  customer_id: string;
  milestone: string;
  status: DeliveryStatus;
  recipient: string | null;
  fallback_for: string | null;
  attempts: number;
  provider_message_id: string | null;
  parts: Record<string, string>;
  last_error: string | null;
  requested_at: Date;
  claimed_at: Date | null;
  sent_at: Date | null;
}

export type Claim =
  /** Already sent (or deliberately not): nothing to do. */
  | { kind: 'done'; record: DeliveryRecord }
  /** Another attempt holds the lease. */
  | { kind: 'in_flight'; record: DeliveryRecord }
  /** This attempt may send; when `reconcile`, an earlier attempt may have been accepted. */
  | { kind: 'claimed'; record: DeliveryRecord; reconcile: boolean };

export interface ClaimInput {
  request: OrderNotificationRequest;
  channel: MessageChannel;
  recipient: string;
  fallbackFor?: MessageChannel;
  leaseMs: number;
}

/**
 * Claims the (order, event, channel) delivery before any provider call. Exactly one attempt holds
 * it at a time; an attempt that finds an earlier one ended without a known outcome must reconcile
 * with the provider before sending.
 */
export async function claimDelivery(db: Database, input: ClaimInput): Promise<Claim> {
  const { request, channel } = input;
  const key = deliveryKey(request.orderId, request.eventId, channel);
  // The first attempt's claim is one statement of its own; only a delivery tried before needs the
  // row lock and the transaction below.
  const inserted = await db.query<DeliveryRecord>(
    `INSERT INTO notification_deliveries (order_id, event_id, channel, delivery_key, customer_id, milestone,
       status, recipient, fallback_for, attempts, lease_until, requested_at, claimed_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'claimed', $7, $8, 1, now() + make_interval(secs => $9), $10, now())
     ON CONFLICT (order_id, event_id, channel) DO NOTHING RETURNING *`,
    [
      request.orderId,
      request.eventId,
      channel,
      key,
      request.customer.id,
      request.milestone,
      input.recipient,
      input.fallbackFor ?? null,
      input.leaseMs / 1000,
      request.occurredAt,
    ],
  );
  if (inserted.rows[0]) return { kind: 'claimed', record: inserted.rows[0], reconcile: false };
  return db.transaction(async (tx) => {
    const existing = await tx.query<DeliveryRecord & { lease_active: boolean }>(
      `SELECT *, (lease_until IS NOT NULL AND lease_until > now()) AS lease_active
         FROM notification_deliveries WHERE order_id = $1 AND event_id = $2 AND channel = $3 FOR UPDATE`,
      [request.orderId, request.eventId, channel],
    );
    const record = existing.rows[0];
    if (!record) throw new Error(`delivery ${key} vanished while being claimed`);
    if ((SENT_STATUSES as readonly string[]).includes(record.status) || record.status === 'suppressed') {
      return { kind: 'done', record };
    }
    if (record.status === 'claimed' && record.lease_active) return { kind: 'in_flight', record };
    // claimed with an expired lease means the attempt died mid-call: as unknown as a timeout.
    const reconcile = record.status !== 'attempt_failed';
    const updated = await tx.query<DeliveryRecord>(
      `UPDATE notification_deliveries SET status = 'claimed', attempts = attempts + 1, recipient = $4,
         lease_until = now() + make_interval(secs => $5), claimed_at = now(), updated_at = now()
       WHERE order_id = $1 AND event_id = $2 AND channel = $3 RETURNING *`,
      [request.orderId, request.eventId, channel, input.recipient, input.leaseMs / 1000],
    );
    return { kind: 'claimed', record: updated.rows[0] ?? record, reconcile };
  });
}

export async function completeDelivery(db: Queryable, key: string, providerMessageId: string): Promise<void> {
  await db.query(
    `UPDATE notification_deliveries SET status = 'sent', provider_message_id = $2, lease_until = NULL,
       sent_at = COALESCE(sent_at, now()), last_error = NULL, updated_at = now()
     WHERE delivery_key = $1 AND status IN ('claimed', 'attempt_unknown', 'attempt_failed', 'failed')`,
    [key, providerMessageId],
  );
}

/** Records one accepted push (per device token) as soon as FCM accepts it. */
export async function recordDeliveryPart(db: Queryable, key: string, part: string, messageId: string) {
  await db.query(
    `UPDATE notification_deliveries SET parts = parts || jsonb_build_object($2::text, $3::text), updated_at = now()
     WHERE delivery_key = $1`,
    [key, part, messageId],
  );
}

/** Gives the claim back after a failed attempt; `unknown` when the provider may have accepted it. */
export async function releaseDelivery(
  db: Queryable,
  key: string,
  outcome: 'failed' | 'unknown',
  error: string,
) {
  await db.query(
    `UPDATE notification_deliveries SET status = $2, lease_until = NULL, last_error = $3, updated_at = now()
     WHERE delivery_key = $1 AND status = 'claimed'`,
    [key, outcome === 'failed' ? 'attempt_failed' : 'attempt_unknown', error],
  );
}

/** The workflow gave up on this channel (retry budget spent or a permanent error). */
export async function markDeliveryFailed(db: Queryable, key: string, reason: string): Promise<void> {
  await db.query(
    `UPDATE notification_deliveries SET status = 'failed', lease_until = NULL, last_error = $2, updated_at = now()
     WHERE delivery_key = $1 AND status IN ('claimed', 'attempt_failed', 'attempt_unknown')`,
    [key, reason],
  );
}

/** Opted out or disabled by the time it was due: recorded so ops can see why nothing went out. */
export async function recordSuppressed(
  db: Queryable,
  request: OrderNotificationRequest,
  channel: MessageChannel,
  reason: string,
): Promise<void> {
  await db.query(
    `INSERT INTO notification_deliveries (order_id, event_id, channel, delivery_key, customer_id, milestone,
       status, last_error, requested_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'suppressed', $7, $8)
     ON CONFLICT (order_id, event_id, channel) DO NOTHING`,
    [
      request.orderId,
      request.eventId,
      channel,
      deliveryKey(request.orderId, request.eventId, channel),
      request.customer.id,
      request.milestone,
      reason,
      request.occurredAt,
    ],
  );
}

export async function listDeliveries(db: Queryable, filter: { orderId?: string; customerId?: string }) {
  const { rows } = await db.query<DeliveryRecord>(
    `SELECT * FROM notification_deliveries
     WHERE ($1::text IS NULL OR order_id = $1) AND ($2::text IS NULL OR customer_id = $2)
     ORDER BY requested_at, event_id, channel LIMIT 500`,
    [filter.orderId ?? null, filter.customerId ?? null],
  );
  return rows;
}
