import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { createUnknownTrackingLog } from '../unknown-tracking-log';
import type { Queryable } from '../../db/database';
import type { CarrierTrackingEvent } from '../../domain/tracking-status';
import { sendCarrierUpdate } from '../../orders/order-client';
import { RecentlySignalled } from './recently-signalled';

/** Takes the verified, normalized events of one carrier push and hands them to their orders. */
export type CarrierEventDispatcher = (events: CarrierTrackingEvent[]) => Promise<void>;

/**
 * Hands verified carrier events to the orders that own their tracking numbers (a signal each; the
 * workflow drops repeats by event ID). One order's events go oldest first, one after another, so a
 * push carrying several scans cannot arrive reversed. Numbers no order owns are recorded for ops.
 */
export function dispatchCarrierEvents(db: Queryable, client: Client): CarrierEventDispatcher {
  const unknownTracking = createUnknownTrackingLog(db);
  const recentlySignalled = new RecentlySignalled();
  return async (events) => {
    if (events.length === 0) return;
    const orderByNumber = await ordersOwningTrackingNumbers(db, events);
    const unknown = events.filter((event) => !orderByNumber.has(event.trackingNumber));
    if (unknown.length > 0) await unknownTracking.record(unknown);
    const byOrder = newEventsByOrder(events, orderByNumber, recentlySignalled);
    await Promise.all(
      [...byOrder].map(([orderId, orderEvents]) =>
        signalOldestFirst(client, orderId, orderEvents, recentlySignalled),
      ),
    );
  };
}

/** Tracking number → the order whose shipment carries it. */
async function ordersOwningTrackingNumbers(
  db: Queryable,
  events: CarrierTrackingEvent[],
): Promise<Map<string, string>> {
  const numbers = [...new Set(events.map((event) => event.trackingNumber))];
  const owners = await db.query<{ tracking_number: string; order_id: string }>(
    `SELECT tracking_number, order_id FROM shipments WHERE tracking_number = ANY($1::text[])`,
    [numbers],
  );
  return new Map(owners.rows.map((row) => [row.tracking_number, row.order_id]));
}

/** The events each owning order has not already been sent by this process. */
function newEventsByOrder(
  events: CarrierTrackingEvent[],
  orderByNumber: Map<string, string>,
  recentlySignalled: RecentlySignalled,
): Map<string, CarrierTrackingEvent[]> {
  const byOrder = new Map<string, CarrierTrackingEvent[]>();
  for (const event of events) {
    const orderId = orderByNumber.get(event.trackingNumber);
    if (orderId && !recentlySignalled.has(orderId, event.eventId)) {
      byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), event]);
    }
  }
  return byOrder;
}

async function signalOldestFirst(
  client: Client,
  orderId: string,
  orderEvents: CarrierTrackingEvent[],
  recentlySignalled: RecentlySignalled,
): Promise<void> {
  const oldestFirst = [...orderEvents].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  try {
    for (const event of oldestFirst) {
      await sendCarrierUpdate(client, orderId, event);
      recentlySignalled.add(orderId, event.eventId);
    }
  } catch (error) {
    // The order's workflow has finished (delivered and past its retention, or cancelled):
    // nothing is left to update, and the carrier must not be told to send it again.
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
}
