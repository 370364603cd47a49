import type { Queryable } from '../../db/database';
import type { MessageChannel } from '../message-channels';
import type { OrderNotificationRequest } from '../contract';

export interface DeadLetter {
  id: number;
  order_id: string;
  event_id: string;
  channel: MessageChannel;
  reason: string;
  error_type: string | null;
  request: OrderNotificationRequest;
  status: 'open' | 'replaying' | 'resolved';
  replay_count: number;
  created_at: Date;
  updated_at: Date;
}

/** Files (or re-opens) the dead letter of one order event on one channel. */
export async function fileDeadLetter(
  db: Queryable,
  request: OrderNotificationRequest,
  channel: MessageChannel,
  reason: string,
  errorType: string | undefined,
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO notification_dead_letters (order_id, event_id, channel, reason, error_type, request)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (order_id, event_id, channel) DO UPDATE SET reason = EXCLUDED.reason,
       error_type = EXCLUDED.error_type, status = 'open', updated_at = now()
     RETURNING id`,
    [request.orderId, request.eventId, channel, reason, errorType ?? null, JSON.stringify(request)],
  );
  return rows[0]?.id ?? 0;
}

export async function listDeadLetters(db: Queryable, status?: DeadLetter['status']): Promise<DeadLetter[]> {
  const { rows } = await db.query<DeadLetter>(
    `SELECT * FROM notification_dead_letters WHERE ($1::text IS NULL OR status = $1) ORDER BY id DESC LIMIT 500`,
    [status ?? null],
  );
  return rows;
}

export async function getDeadLetter(db: Queryable, id: number): Promise<DeadLetter | undefined> {
  const { rows } = await db.query<DeadLetter>('SELECT * FROM notification_dead_letters WHERE id = $1', [id]);
  return rows[0];
}

/** Marks an open dead letter as being replayed; undefined when it is not open. */
export async function beginReplay(db: Queryable, id: number): Promise<DeadLetter | undefined> {
  const { rows } = await db.query<DeadLetter>(
    `UPDATE notification_dead_letters SET status = 'replaying', replay_count = replay_count + 1, updated_at = now()
     WHERE id = $1 AND status = 'open' RETURNING *`,
    [id],
  );
  return rows[0];
}

/** Gives a replay that could not be started back to the open dead letters. */
export async function reopenDeadLetter(db: Queryable, id: number): Promise<void> {
  await db.query(`UPDATE notification_dead_letters SET status = 'open' WHERE id = $1`, [id]);
}

export async function resolveDeadLetter(db: Queryable, id: number): Promise<void> {
  await db.query(
    `UPDATE notification_dead_letters SET status = 'resolved', updated_at = now() WHERE id = $1`,
    [id],
  );
}
