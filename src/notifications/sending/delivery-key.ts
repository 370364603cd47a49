import type { MessageChannel } from '../message-channels';

/** The one identity of a message: the same order event on the same channel is sent once. */
export function deliveryKey(orderId: string, eventId: string, channel: MessageChannel): string {
  return `${orderId}|${eventId}|${channel}`;
}
