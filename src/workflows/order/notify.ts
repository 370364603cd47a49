import { log } from '@temporalio/workflow';
import { noticeHandOver } from './activity-options';
import type { OrderSession } from './order-session';

/** Customers' messages go to the notification service, which owns their delivery. */
export async function sendNotices(session: OrderSession): Promise<void> {
  const notices = session.pendingNotices.splice(0);
  if (notices.length === 0) return;
  try {
    await noticeHandOver.startCustomerNotices(notices);
  } catch (error) {
    log.error('customer notices could not be handed to the notification service', {
      milestones: notices.map((notice) => notice.milestone),
      error: String(error),
    });
  }
}
