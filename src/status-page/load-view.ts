import type { Queryable } from '../db/database';
import { findOrder, findShipments, findTimeline } from '../orders/order-read-model';
import { toCustomerView, type CustomerOrderView } from './customer-view';

/** The customer view from the read model, or undefined when no such order has been projected. */
export async function loadCustomerView(
  db: Queryable,
  orderId: string,
): Promise<CustomerOrderView | undefined> {
  const order = await findOrder(db, orderId);
  if (!order) return undefined;
  const [timeline, shipments] = await Promise.all([findTimeline(db, orderId), findShipments(db, orderId)]);
  return toCustomerView(order, timeline, shipments);
}
