import type { CustomerScope } from '../security/customer-links';
import type { OrderNotificationRequest } from './contract';

/**
 * Who preferences and push tokens belong to: the customer of one sales channel account, as a customer
 * link names it. Customer IDs come from the sales channel and are unique only within one account, so
 * the ID alone names a different person in every account.
 */
export type CustomerKey = CustomerScope;

/** The customer of an order ID `channel:account:externalId`; undefined for an ID of another shape. */
export function customerKeyOfOrder(orderId: string, customerId: string): CustomerKey | undefined {
  const [channel, accountId, ...rest] = orderId.split(':');
  if (!channel || !accountId || rest.length === 0) return undefined;
  return { channel, accountId, customerId };
}

/**
 * The customer a notice is about. Every order ID has the canonical shape; a notice whose ID has not
 * gets the account `''`, which no link or order names, so it never reaches another account's customer.
 */
export function customerKeyOfNotice(request: OrderNotificationRequest): CustomerKey {
  return (
    customerKeyOfOrder(request.orderId, request.customer.id) ?? {
      channel: request.order.channel,
      accountId: '',
      customerId: request.customer.id,
    }
  );
}
