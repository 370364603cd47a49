import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../../security/constant-time';
import { LINK_TOKEN_PARAM } from '../../security/customer-link-request';
import type { MessageChannel } from '../message-channels';

function signature(secret: string, customerId: string, channel: MessageChannel): string {
  return createHmac('sha256', secret).update(`unsubscribe:${customerId}:${channel}`).digest('base64url');
}

/** A link that unsubscribes one customer from one channel, carrying the customer's link token. */
export function unsubscribeUrl(
  publicBaseUrl: string,
  customerId: string,
  channel: MessageChannel,
  linkToken: string,
): string {
  const url = new URL(`${publicBaseUrl}/notifications/unsubscribe`);
  url.searchParams.set('customer', customerId);
  url.searchParams.set('channel', channel);
  url.searchParams.set(LINK_TOKEN_PARAM, linkToken);
  return url.toString();
}

/**
 * Links sent before customer links carried `signature` (NOTIFY_UNSUBSCRIBE_SECRET) instead; they
 * still unsubscribe, and nothing else.
 */
export function isValidUnsubscribeSignature(
  secret: string,
  customerId: string,
  channel: MessageChannel,
  candidate: string,
): boolean {
  return constantTimeEqual(signature(secret, customerId, channel), candidate);
}

/** For tests and tooling: the legacy signature of a customer and channel. */
export function legacyUnsubscribeSignature(
  secret: string,
  customerId: string,
  channel: MessageChannel,
): string {
  return signature(secret, customerId, channel);
}
