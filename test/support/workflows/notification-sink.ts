import type { OrderNotificationRequest } from '../../../src/domain/order-notices';

/**
 * Takes each customer notice in the deadline tests in place of the notification service, whose
 * sending, retries and quiet hours have tests of their own. A notice workflow nobody runs would keep
 * the time-skipping server from skipping time.
 */
export async function notifyCustomer(notice: OrderNotificationRequest): Promise<string> {
  return notice.milestone;
}
