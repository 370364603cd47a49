import type { Queryable } from '../../db/database';
import type { OrderNotificationRequest } from '../contract';

/** A notice taken from the outbox, with the trace context of the projection that wrote it. */
export interface OutboxNotice {
  request: OrderNotificationRequest;
  traceContext: Record<string, string> | null;
}

/** Adds notices to the outbox; a notice already there (a retried projection) is kept as it is. */
export async function enqueueNotices(
  db: Queryable,
  notices: OrderNotificationRequest[],
  traceContext: Record<string, string> = {},
): Promise<void> {
  if (notices.length === 0) return;
  await db.query(insertNoticesSql(1, 2), [JSON.stringify(notices), JSON.stringify(traceContext)]);
}

/**
 * The outbox insert, for a statement whose parameter `requests` is the notices as a JSON array and
 * `trace` their trace context (the read model's write puts it in its own statement).
 */
export const insertNoticesSql = (requests: number, trace: number) =>
  `INSERT INTO notice_outbox (order_id, event_id, request, trace_context)
   SELECT n.request->>'orderId', n.request->>'eventId', n.request, $${trace}::jsonb
     FROM jsonb_array_elements($${requests}::jsonb) AS n(request)
   ON CONFLICT (order_id, event_id) DO NOTHING`;

/** Takes up to `limit` notices nobody holds, oldest first, for `leaseMs`. */
export async function claimNotices(db: Queryable, limit: number, leaseMs: number): Promise<OutboxNotice[]> {
  const result = await db.query<{
    request: OrderNotificationRequest;
    trace_context: Record<string, string> | null;
  }>(
    `UPDATE notice_outbox o
        SET lease_until = now() + $2 * interval '1 millisecond', attempts = o.attempts + 1
       FROM (SELECT order_id, event_id FROM notice_outbox
              WHERE lease_until IS NULL OR lease_until < now()
              ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED) due
      WHERE o.order_id = due.order_id AND o.event_id = due.event_id
      RETURNING o.request, o.trace_context`,
    [limit, leaseMs],
  );
  return result.rows.map((row) => ({ request: row.request, traceContext: row.trace_context }));
}

/** Keeps the notices a live worker is still working on from being given to another. */
export async function renewNotices(
  db: Queryable,
  notices: OrderNotificationRequest[],
  leaseMs: number,
): Promise<void> {
  if (notices.length === 0) return;
  await db.query(
    `UPDATE notice_outbox o SET lease_until = now() + $2 * interval '1 millisecond'
       FROM jsonb_array_elements($1::jsonb) AS n(request)
      WHERE o.order_id = n.request->>'orderId' AND o.event_id = n.request->>'eventId'`,
    [JSON.stringify(notices), leaseMs],
  );
}

/**
 * Gives back notices whose delivery failed, due again after a pause that doubles with each attempt
 * (`firstDelayMs` after the first, at most `maxDelayMs`).
 */
export async function retryNoticesLater(
  db: Queryable,
  notices: OrderNotificationRequest[],
  firstDelayMs: number,
  maxDelayMs: number,
): Promise<void> {
  if (notices.length === 0) return;
  await db.query(
    `UPDATE notice_outbox o
        SET lease_until = now() + least($2 * power(2, least(greatest(o.attempts - 1, 0), 20)), $3) * interval '1 millisecond'
       FROM jsonb_array_elements($1::jsonb) AS n(request)
      WHERE o.order_id = n.request->>'orderId' AND o.event_id = n.request->>'eventId'`,
    [JSON.stringify(notices), firstDelayMs, maxDelayMs],
  );
}

/** Removes notices whose messages went out or which became their own workflow. */
export async function removeNotices(db: Queryable, notices: OrderNotificationRequest[]): Promise<void> {
  if (notices.length === 0) return;
  await db.query(
    `DELETE FROM notice_outbox o
      USING jsonb_array_elements($1::jsonb) AS n(request)
      WHERE o.order_id = n.request->>'orderId' AND o.event_id = n.request->>'eventId'`,
    [JSON.stringify(notices)],
  );
}
