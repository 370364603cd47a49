import type { MessageChannel } from '../message-channels';
import type { OrderNotificationRequest } from '../contract';
import {
  DEFAULT_OPTED_IN,
  DEFAULT_QUIET_HOURS,
  FALLBACK_ORDER,
  MILESTONE_ROUTES,
  QUIET_HOURS_CHANNELS,
} from '../routing';
import type { QuietHours } from './quiet-hours';

export interface DisabledChannel {
  reason: string;
  /** The address that bounced; a new address enables the channel again. */
  recipient?: string;
  at: string;
}

export interface CustomerPreferences {
  customerId: string;
  channels: MessageChannel[];
  locale?: string;
  timeZone?: string;
  /** null: no quiet hours. */
  quietHours: { start: string; end: string } | null;
  disabled: Partial<Record<MessageChannel, DisabledChannel>>;
}

export function defaultPreferences(customerId: string): CustomerPreferences {
  return {
    customerId,
    channels: [...DEFAULT_OPTED_IN],
    quietHours: { ...DEFAULT_QUIET_HOURS },
    disabled: {},
  };
}

export function recipientFor(
  request: OrderNotificationRequest,
  channel: MessageChannel,
  pushTokenCount: number,
): string | undefined {
  switch (channel) {
    case 'email':
      return request.customer.email;
    case 'sms':
      return request.customer.phone;
    case 'push':
      return pushTokenCount > 0 ? `${pushTokenCount} device(s)` : undefined;
    case 'in_app':
      return request.customer.id;
  }
}

/** Whether the customer can be reached on this channel right now: opted in, reachable, not disabled. */
export function canReach(
  request: OrderNotificationRequest,
  preferences: CustomerPreferences,
  channel: MessageChannel,
  pushTokenCount: number,
): boolean {
  if (!preferences.channels.includes(channel)) return false;
  const recipient = recipientFor(request, channel, pushTokenCount);
  if (!recipient) return false;
  const disabled = preferences.disabled[channel];
  return !disabled || (disabled.recipient !== undefined && disabled.recipient !== recipient);
}

export interface NotificationPlan {
  locale: string;
  /** Channels this milestone goes out on for this customer. */
  channels: MessageChannel[];
  /** Reachable channels not in `channels`, in the order a failed channel falls back to them. */
  fallbacks: MessageChannel[];
  /** Applies to QUIET_HOURS_CHANNELS only. */
  quietHours: QuietHours | null;
  quietChannels: MessageChannel[];
}

export function planNotification(
  request: OrderNotificationRequest,
  preferences: CustomerPreferences,
  pushTokenCount: number,
): NotificationPlan {
  const reachable = (channel: MessageChannel) => canReach(request, preferences, channel, pushTokenCount);
  const channels = MILESTONE_ROUTES[request.milestone].filter(reachable);
  const fallbacks = FALLBACK_ORDER.filter((channel) => reachable(channel) && !channels.includes(channel));
  const quietHours = preferences.quietHours
    ? { ...preferences.quietHours, timeZone: preferences.timeZone ?? request.customer.timeZone }
    : null;
  return {
    locale: preferences.locale ?? request.customer.locale,
    channels,
    fallbacks,
    quietHours,
    quietChannels: [...QUIET_HOURS_CHANNELS],
  };
}
