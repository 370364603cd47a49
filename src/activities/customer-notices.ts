import type { Client } from '@temporalio/client';
import type { OrderNotificationRequest } from '../domain/order-notices';
import { startNoticeWorkflow } from '../notifications/sending/hand-over';

export function createCustomerNoticeActivities(client: Client) {
  return {
    /** Hands each notice to the notification service as its own workflow (orders before the fast path). */
    async startCustomerNotices(notices: OrderNotificationRequest[]): Promise<void> {
      await Promise.all(notices.map((notice) => startNoticeWorkflow(client, notice)));
    },
  };
}
