import { customerLinkTtlMsFromEnv, type CustomerLinkKeys } from '../../security/customer-link-keys';
import { issueCustomerLink, issueOrderLink } from '../../security/customer-links';
import type { OrderNotificationRequest } from '../contract';
import { customerKeyOfNotice } from '../customer-key';

export interface LinkSettings {
  keys: CustomerLinkKeys;
  ttlMs: number;
}

/**
 * A message's links live from the event it tells of (not from when it is rendered), so a retried
 * send renders the same links and the newest message about an order opens it longest.
 */
function expiresAt(request: OrderNotificationRequest, settings: LinkSettings | undefined): Date {
  const ttlMs = settings?.ttlMs ?? customerLinkTtlMsFromEnv();
  const occurred = Date.parse(request.occurredAt);
  return new Date((Number.isNaN(occurred) ? Date.now() : occurred) + ttlMs);
}

export function orderLinkToken(request: OrderNotificationRequest, settings?: LinkSettings): string {
  return issueOrderLink(request.orderId, { expiresAt: expiresAt(request, settings), keys: settings?.keys });
}

/** The customer, scoped to the channel account the order came from: whose preferences it opens. */
export function customerLinkToken(request: OrderNotificationRequest, settings?: LinkSettings): string {
  const customer = customerKeyOfNotice(request);
  return issueCustomerLink(customer, { expiresAt: expiresAt(request, settings), keys: settings?.keys });
}
