import { proxyActivities } from '@temporalio/workflow';
import type { NotificationActivities } from '../activities';
import type { SendOutcome } from '../sending/send-message';
import { BOOKKEEPING_ACTIVITY_OPTIONS, DELIVERY_ACTIVITY_OPTIONS } from './activity-options';
import { failureReason } from './failure-reason';
import type { RedeliveryInput } from './messages';

const { deliverNotification } = proxyActivities<NotificationActivities>(DELIVERY_ACTIVITY_OPTIONS);
const { recordDeliveryFailure, fileNotificationDeadLetter, resolveNotificationDeadLetter } =
  proxyActivities<NotificationActivities>(BOOKKEEPING_ACTIVITY_OPTIONS);

/** Replays one dead-lettered delivery on its own channel; on failure the dead letter opens again. */
export async function redeliverNotification(
  input: RedeliveryInput,
): Promise<SendOutcome | { failed: string }> {
  const { request, channel, deadLetterId } = input;
  try {
    const outcome = await deliverNotification({ request, channel });
    await resolveNotificationDeadLetter(deadLetterId);
    return outcome;
  } catch (error) {
    const { reason, type } = failureReason(error);
    await recordDeliveryFailure({ request, channel, reason });
    await fileNotificationDeadLetter({ request, channel, reason, errorType: type });
    return { failed: reason };
  }
}
