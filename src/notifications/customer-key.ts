import type { OrderNotificationRequest } from './contract';

/**
 * Who preferences and push tokens belong to. Customer IDs come from the sales channel and are unique
 * only within one channel account, so the ID alone names a different person in every account.
 */
export interface CustomerKey {
  /** The sales channel (`web`, `shopify`, …), not a message channel. */
  channel: string;
  accountId: string;
  customerId: string;
}

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
