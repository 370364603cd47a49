import type { OrderNotificationRequest } from '../../src/domain/order-notices';
import type { TestDatabase } from './database';

/**
 * Every notice the order workflows gave the notification service, oldest first: those their
 * read-model writes put in the notice outbox, then those handed over as notification workflows.
 */
export async function noticesOf(
  database: TestDatabase,
  handedOver: readonly OrderNotificationRequest[],
): Promise<OrderNotificationRequest[]> {
  const { rows } = await database.db.query<{ request: OrderNotificationRequest }>(
    'SELECT request FROM notice_outbox ORDER BY created_at, order_id, event_id',
  );
  return [...rows.map((row) => row.request), ...handedOver];
}
