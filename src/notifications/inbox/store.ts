import type { Queryable } from '../../db/database';
import type { OrderNotificationRequest } from '../contract';

/** The PostgreSQL channel that carries new inbox items to every API process listening. */
export const INBOX_NOTIFY_CHANNEL = 'notification_inbox';

export interface InboxItem {
  id: number;
  customerId: string;
  orderId: string;
  eventId: string;
  milestone: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

interface InboxRow {
  id: number;
  customer_id: string;
  order_id: string;
  event_id: string;
  milestone: string;
  title: string;
  body: string;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}

export function inboxItemFromRow(row: InboxRow): InboxItem {
  return {
    id: Number(row.id),
    customerId: row.customer_id,
    orderId: row.order_id,
    eventId: row.event_id,
    milestone: row.milestone,
    title: row.title,
    body: row.body,
    link: row.link,
    createdAt: new Date(row.created_at).toISOString(),
    readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
  };
}

/**
 * The inbox item as JSON, built by the statement that adds it, in the shape inboxItemFromRow gives
 * (createdAt to the millisecond, as a JavaScript Date keeps it).
 */
const ITEM_JSON = `json_build_object('id', id, 'customerId', customer_id, 'orderId', order_id, 'eventId', event_id,
  'milestone', milestone, 'title', title, 'body', body, 'link', link,
  'createdAt', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'readAt', NULL)::text`;

/**
 * Adds the item once per (order, event) and, in the same statement, notifies listeners, so a stream
 * never announces an item that was rolled back. Returns undefined when it already existed.
 */
export async function addInboxItem(
  db: Queryable,
  request: OrderNotificationRequest,
  card: { title: string; body: string; link: string },
): Promise<InboxItem | undefined> {
  const { rows } = await db.query<{ item: string }>(
    `WITH added AS (
       INSERT INTO notification_inbox (customer_id, order_id, event_id, milestone, title, body, link)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (order_id, event_id) DO NOTHING RETURNING *
     ), announced AS (SELECT ${ITEM_JSON} AS item FROM added)
     SELECT item, pg_notify($8, item) FROM announced`,
    [
      request.customer.id,
      request.orderId,
      request.eventId,
      request.milestone,
      card.title,
      card.body,
      card.link,
      INBOX_NOTIFY_CHANNEL,
    ],
  );
  return rows[0] ? (JSON.parse(rows[0].item) as InboxItem) : undefined;
}

export interface InboxFilter {
  customerId?: string;
  orderId?: string;
  /** Only orders whose ID starts so (`channel:account:`, a customer link's scope). */
  orderPrefix?: string;
}

export async function listInbox(
  db: Queryable,
  filter: InboxFilter,
  options: { afterId?: number; limit?: number } = {},
): Promise<InboxItem[]> {
  const { rows } = await db.query<InboxRow>(
    `SELECT * FROM notification_inbox
     WHERE ($1::text IS NULL OR customer_id = $1) AND ($2::text IS NULL OR order_id = $2) AND id > $3
       AND ($5::text IS NULL OR starts_with(order_id, $5))
     ORDER BY id ${options.afterId === undefined ? 'DESC' : 'ASC'} LIMIT $4`,
    [
      filter.customerId ?? null,
      filter.orderId ?? null,
      options.afterId ?? 0,
      options.limit ?? 100,
      filter.orderPrefix ?? null,
    ],
  );
  return rows.map(inboxItemFromRow);
}

export async function markInboxRead(
  db: Queryable,
  customerId: string,
  id: number,
  orderPrefix?: string,
): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE notification_inbox SET read_at = COALESCE(read_at, now())
     WHERE id = $1 AND customer_id = $2 AND ($3::text IS NULL OR starts_with(order_id, $3)) RETURNING id`,
    [id, customerId, orderPrefix ?? null],
  );
  return rows.length > 0;
}
