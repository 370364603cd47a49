import { log, proxyActivities } from '@temporalio/workflow';
import type { NotificationActivities } from '../../notifications/activities';
import type { OrderNotificationRequest } from '../../domain/order-notices';
import { NOTIFICATIONS_TASK_QUEUE } from '../../temporal/task-queues';
import { noticeHandOver } from './activity-options';
import type { OrderSession } from './order-session';

/**
 * Orders that record this marker send their notices through one activity on the notification
 * service's task queue (every channel at once, no workflow per notice); a notice that cannot go out
 * now (quiet hours, a provider failure) becomes its own notification workflow there. Orders started
 * before it hand every notice over as a workflow.
 */
export const NOTICES_BY_ACTIVITY_PATCH = 'order-notices-by-activity';

// Bounded: while no notification worker takes them, the notices go to durable workflows instead.
const noticeDelivery = proxyActivities<NotificationActivities>({
  taskQueue: NOTIFICATIONS_TASK_QUEUE,
  scheduleToStartTimeout: '30 seconds',
  scheduleToCloseTimeout: '2 minutes',
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '15 seconds' },
});

/** Per order run: notices scheduled on the notification service, not yet delivered or handed over. */
const inFlight = new WeakMap<OrderSession, Promise<void>[]>();

/** Customers' messages go to the notification service, which owns their delivery. */
export async function sendNotices(session: OrderSession): Promise<void> {
  const notices = session.pendingNotices.splice(0);
  if (notices.length === 0) return;
  if (session.uses(NOTICES_BY_ACTIVITY_PATCH)) {
    // Not awaited: the order goes on with its next event while the messages go out.
    inFlight.set(session, [...(inFlight.get(session) ?? []), deliverNow(notices)]);
    return;
  }
  await handOver(notices);
}

/** Every notice this run scheduled has gone out or been handed to its own workflow. */
export async function noticesSettled(session: OrderSession): Promise<void> {
  const pending = inFlight.get(session) ?? [];
  inFlight.delete(session);
  await Promise.all(pending);
}

async function deliverNow(notices: OrderNotificationRequest[]): Promise<void> {
  try {
    await noticeDelivery.deliverOrderNotices(notices);
  } catch (error) {
    log.warn('notices not delivered by the notification service in time; handing them over', {
      error: String(error),
    });
    await handOver(notices);
  }
}

async function handOver(notices: OrderNotificationRequest[]): Promise<void> {
  try {
    await noticeHandOver.startCustomerNotices(notices);
  } catch (error) {
    log.error('customer notices could not be handed to the notification service', {
      milestones: notices.map((notice) => notice.milestone),
      error: String(error),
    });
  }
}
