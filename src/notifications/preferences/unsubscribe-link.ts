import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../../security/constant-time';
import type { MessageChannel } from '../message-channels';

function signature(secret: string, customerId: string, channel: MessageChannel): string {
  return createHmac('sha256', secret).update(`unsubscribe:${customerId}:${channel}`).digest('base64url');
}

/** A link that unsubscribes one customer from one channel without logging in. */
export function unsubscribeUrl(
  publicBaseUrl: string,
  secret: string,
  customerId: string,
  channel: MessageChannel,
): string {
  const url = new URL(`${publicBaseUrl}/notifications/unsubscribe`);
  url.searchParams.set('customer', customerId);
  url.searchParams.set('channel', channel);
  url.searchParams.set('signature', signature(secret, customerId, channel));
  return url.toString();
}

export function isValidUnsubscribeSignature(
  secret: string,
  customerId: string,
  channel: MessageChannel,
  candidate: string,
): boolean {
  return constantTimeEqual(signature(secret, customerId, channel), candidate);
}
