import { orderRecords, stockChecks } from './activity-options';
import type { OrderSession } from './order-session';

/**
 * Orders that record this marker check stock as a local activity; orders started before it replay
 * their checks as the activities they scheduled.
 */
export const LOCAL_RESERVATION_PATCH = 'order-reserve-local';

/** A new order, or a backordered one after a restock, has its stock checked (one check at a time). */
export const needsReservation = ({ reserving, state, restockPending }: OrderSession) =>
  !reserving && (state.status === 'received' || (state.status === 'backordered' && restockPending));

export async function reserveInventory(session: OrderSession): Promise<void> {
  const { order } = session;
  session.reserving = true;
  session.restockPending = false;
  try {
    const checks = session.uses(LOCAL_RESERVATION_PATCH) ? stockChecks : orderRecords;
    const result = await checks.reserveInventory({ orderId: order.orderId, lines: order.lines });
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
