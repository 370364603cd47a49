import type { Database } from '../../db/database';
import type { OrderNotificationRequest } from '../contract';
import { customerKeyOfNotice } from '../customer-key';
import { planNotification, type NotificationPlan } from '../preferences/preferences';
import { quietHoursEnd } from '../preferences/quiet-hours';
import { getContacts } from '../preferences/store';
import type { SendMessageInput, SendOutcome } from './send-message';

export interface DeliverNowDeps {
  db: Database;
  /** One (order, event, channel) message at most once (sendMessage, measured). */
  send: (input: SendMessageInput) => Promise<SendOutcome>;
  /**
   * Gives the notice to its own durable notification workflow (same delivery keys, so what was sent
   * here is not sent again): it waits out quiet hours, retries, falls back and dead-letters.
   */
  handOver: (request: OrderNotificationRequest) => Promise<void>;
  now: () => Date;
}

export interface DeliverNowSummary {
  /** Notices whose every channel was accepted (or suppressed) here. */
  delivered: number;
  /** Notices given to their own workflow: a channel waits for quiet hours or failed once. */
  handedOver: number;
}

/** Some channel of the plan may not go out now: the customer's quiet hours cover it. */
function waitsForQuietHours(plan: NotificationPlan, now: Date): boolean {
  if (!plan.quietHours) return false;
  if (!plan.channels.some((channel) => plan.quietChannels.includes(channel))) return false;
  return quietHoursEnd(now, plan.quietHours).getTime() > now.getTime();
}

async function deliverOne(deps: DeliverNowDeps, request: OrderNotificationRequest): Promise<boolean> {
  const contacts = await getContacts(deps.db, customerKeyOfNotice(request));
  const plan = planNotification(request, contacts.preferences, contacts.pushTokens.length);
  if (waitsForQuietHours(plan, deps.now())) {
    await deps.handOver(request);
    return false;
  }
  const sends = await Promise.allSettled(
    plan.channels.map((channel) => deps.send({ request, channel, locale: plan.locale, contacts })),
  );
  if (sends.every((send) => send.status === 'fulfilled')) return true;
  await deps.handOver(request);
  return false;
}

/**
 * The fast path of customer notices: every channel of each notice is sent at once, in one attempt,
 * without a workflow of its own. Anything that cannot finish now goes to the notice's workflow.
 */
export async function deliverNoticesNow(
  deps: DeliverNowDeps,
  notices: OrderNotificationRequest[],
): Promise<DeliverNowSummary> {
  const outcomes = await Promise.all(notices.map((notice) => deliverOne(deps, notice)));
  const delivered = outcomes.filter(Boolean).length;
  return { delivered, handedOver: outcomes.length - delivered };
}
