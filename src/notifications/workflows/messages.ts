import { defineQuery } from '@temporalio/workflow';
import type { MessageChannel } from '../message-channels';
import type { OrderNotificationRequest } from '../contract';

export type ChannelState =
  'pending' | 'waiting_quiet_hours' | 'sending' | 'sent' | 'suppressed' | 'failed' | 'dead_lettered';

export interface ChannelProgress {
  state: ChannelState;
  /** Set while an SMS or push waits for the customer's quiet hours to end. */
  notBefore?: string;
  fallbackFor?: MessageChannel;
  providerMessageId?: string;
  error?: string;
  deadLetterId?: number;
}

export interface NotificationProgress {
  orderId: string;
  eventId: string;
  milestone: OrderNotificationRequest['milestone'];
  channels: Partial<Record<MessageChannel, ChannelProgress>>;
}

/** Where each channel of one notification stands; also what the workflow returns when done. */
export const notificationProgressQuery = defineQuery<NotificationProgress>('notificationProgress');

export interface RedeliveryInput {
  deadLetterId: number;
  request: OrderNotificationRequest;
  channel: MessageChannel;
}

export const REDELIVER_NOTIFICATION_WORKFLOW = 'redeliverNotification';

export function redeliveryWorkflowId(deadLetterId: number, replayCount: number): string {
  return `notify-replay:${deadLetterId}:${replayCount}`;
}
