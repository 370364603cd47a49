import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Channel } from '../channels';

function signature(secret: string, customerId: string, channel: Channel): string {
  return createHmac('sha256', secret).update(`unsubscribe:${customerId}:${channel}`).digest('base64url');
}

/** A link that unsubscribes one customer from one channel without logging in. */
export function unsubscribeUrl(
  publicBaseUrl: string,
  secret: string,
  customerId: string,
  channel: Channel,
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
  channel: Channel,
  candidate: string,
): boolean {
  const expected = Buffer.from(signature(secret, customerId, channel));
  const given = Buffer.from(candidate);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
