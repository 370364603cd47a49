import { orderRecords } from './activity-options';
import type { OrderSession } from './order-session';

/** A new order, or a backordered one after a restock, has its stock checked (one check at a time). */
export const needsReservation = ({ reserving, state, restockPending }: OrderSession) =>
  !reserving && (state.status === 'received' || (state.status === 'backordered' && restockPending));

export async function reserveInventory(session: OrderSession): Promise<void> {
  const { order } = session;
  session.reserving = true;
  session.restockPending = false;
  try {
    const result = await orderRecords.reserveInventory({ orderId: order.orderId, lines: order.lines });
    // Cancelled while the check ran: whatever was reserved is released on the way out.
    const status = session.state.status;
    if (status !== 'received' && status !== 'backordered') return;
    if (result.reserved) session.applySystemEvent({ type: 'inventory_reserved' });
    else if (status === 'received')
      session.applySystemEvent({ type: 'backordered', shortages: result.shortages });
  } finally {
    session.reserving = false;
  }
}

/** A cancelled order gives back what it held. */
export async function releaseInventoryIfCancelled(session: OrderSession): Promise<void> {
  if (session.state.status === 'cancelled')
    await orderRecords.releaseInventory({ orderId: session.order.orderId });
}
