import type { Milestone } from './contract';
import type { MessageChannel } from './message-channels';

/**
 * Which channels each milestone goes out on, before customer preferences narrow it down.
 * The in-app inbox gets everything; SMS and push are kept for what needs attention soon.
 */
export const MILESTONE_ROUTES: Readonly<Record<Milestone, readonly MessageChannel[]>> = {
  order_confirmed: ['email', 'in_app'],
  backordered: ['email', 'in_app'],
  shipped: ['email', 'push', 'in_app'],
  out_for_delivery: ['sms', 'push', 'in_app'],
  available_for_pickup: ['email', 'sms', 'push', 'in_app'],
  delivered: ['email', 'push', 'in_app'],
  delivery_attempted: ['email', 'sms', 'in_app'],
  delivery_failed: ['email', 'sms', 'in_app'],
  returned_to_sender: ['email', 'in_app'],
  cancelled: ['email', 'in_app'],
  delayed: ['email', 'push', 'in_app'],
  shipment_stalled: ['email', 'push', 'in_app'],
  stall_escalated: ['email', 'sms', 'push', 'in_app'],
  delivery_at_risk: ['email', 'push', 'in_app'],
};

/** When a channel gives up, the next opted-in channel from this list not already used takes over. */
export const FALLBACK_ORDER: readonly MessageChannel[] = ['email', 'sms', 'push', 'in_app'];

/** Channels that wait for the end of the customer's quiet hours; email and in-app never wait. */
export const QUIET_HOURS_CHANNELS: readonly MessageChannel[] = ['sms', 'push'];

/** Opt-ins for a customer who never set preferences. SMS needs an explicit opt-in. */
export const DEFAULT_OPTED_IN: readonly MessageChannel[] = ['email', 'push', 'in_app'];

export const DEFAULT_QUIET_HOURS = { start: '21:00', end: '08:00' } as const;
