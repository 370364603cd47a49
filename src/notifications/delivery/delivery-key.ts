import type { Channel } from '../channels';

/** The one identity of a message: the same order event on the same channel is sent once. */
export function deliveryKey(orderId: string, eventId: string, channel: Channel): string {
  return `${orderId}|${eventId}|${channel}`;
}
