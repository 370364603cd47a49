import { proxyActivities, proxyLocalActivities, setHandler, sleep } from '@temporalio/workflow';
import type { NotificationActivities } from '../activities';
import type { MessageChannel } from '../message-channels';
import type { OrderNotificationRequest } from '../contract';
import { quietHoursEnd } from '../preferences/quiet-hours';
import type { NotificationPlan } from '../preferences/preferences';
import { BOOKKEEPING_ACTIVITY_OPTIONS, DELIVERY_ACTIVITY_OPTIONS } from './activity-options';
import { failureReason } from './failure-reason';
import { notificationProgressQuery, type ChannelProgress, type NotificationProgress } from './messages';

const { deliverNotification } = proxyActivities<NotificationActivities>(DELIVERY_ACTIVITY_OPTIONS);
const { recordDeliveryFailure, fileNotificationDeadLetter } = proxyActivities<NotificationActivities>(
  BOOKKEEPING_ACTIVITY_OPTIONS,
);
// Two reads from the database: run inside the first workflow task rather than as a task of its own.
const { planNotification } = proxyLocalActivities<NotificationActivities>(BOOKKEEPING_ACTIVITY_OPTIONS);

/**
 * Tells the customer about one order event on every channel the milestone routes to and the
 * customer accepts. SMS and push wait out quiet hours on a durable timer; a channel that gives up
 * falls back to the next reachable one; what still fails is dead-lettered.
 */
export async function notifyCustomer(request: OrderNotificationRequest): Promise<NotificationProgress> {
  const progress: NotificationProgress = {
    orderId: request.orderId,
    eventId: request.eventId,
    milestone: request.milestone,
    channels: {},
  };
  setHandler(notificationProgressQuery, () => progress);

  const plan = await planNotification(request);
  const spareChannels = [...plan.fallbacks];
  await Promise.all(plan.channels.map((channel) => deliver(channel)));
  return progress;

  async function deliver(channel: MessageChannel, fallbackFor?: MessageChannel): Promise<void> {
    const entry: ChannelProgress = { state: 'pending', fallbackFor };
    progress.channels[channel] = entry;
    await waitForQuietHours(plan, channel, entry);
    entry.state = 'sending';
    try {
      const outcome = await deliverNotification({ request, channel, fallbackFor, locale: plan.locale });
      entry.state = outcome.status === 'suppressed' ? 'suppressed' : 'sent';
      entry.providerMessageId = outcome.providerMessageId;
    } catch (error) {
      const { reason, type } = failureReason(error);
      entry.state = 'failed';
      entry.error = reason;
      await recordDeliveryFailure({ request, channel, reason });
      const next = spareChannels.shift();
      if (next) return deliver(next, channel);
      entry.deadLetterId = await fileNotificationDeadLetter({ request, channel, reason, errorType: type });
      entry.state = 'dead_lettered';
    }
  }
}

async function waitForQuietHours(plan: NotificationPlan, channel: MessageChannel, entry: ChannelProgress) {
  if (!plan.quietHours || !plan.quietChannels.includes(channel)) return;
  const now = new Date(Date.now());
  const due = quietHoursEnd(now, plan.quietHours);
  const wait = due.getTime() - now.getTime();
  if (wait <= 0) return;
  entry.state = 'waiting_quiet_hours';
  entry.notBefore = due.toISOString();
  await sleep(wait);
}
