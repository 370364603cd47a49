import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { createUnknownTrackingLog } from '../carriers/unknown-tracking-log';
import type { Queryable } from '../db/database';
import type { CarrierTrackingEvent } from '../domain/tracking-status';
import { sendCarrierUpdate } from '../orders/order-client';
import { RecentlySignalled } from './recently-signalled';

/**
 * Hands verified carrier events to the orders that own their tracking numbers (a signal each; the
 * workflow drops repeats by event ID). One order's events go oldest first, one after another, so a
 * push carrying several scans cannot arrive reversed. Numbers no order owns are recorded for ops.
 */
export function routeTrackingEvents(db: Queryable, client: Client) {
  const unknownTracking = createUnknownTrackingLog(db);
  const recentlySignalled = new RecentlySignalled();
  return async (events: CarrierTrackingEvent[]): Promise<void> => {
    if (events.length === 0) return;
    const numbers = [...new Set(events.map((event) => event.trackingNumber))];
    const owners = await db.query<{ tracking_number: string; order_id: string }>(
      `SELECT tracking_number, order_id FROM shipments WHERE tracking_number = ANY($1::text[])`,
      [numbers],
    );
    const orderByNumber = new Map(owners.rows.map((row) => [row.tracking_number, row.order_id]));
    const unknown = events.filter((event) => !orderByNumber.has(event.trackingNumber));
    if (unknown.length > 0) await unknownTracking.record(unknown);

    const byOrder = new Map<string, CarrierTrackingEvent[]>();
    for (const event of events) {
      const orderId = orderByNumber.get(event.trackingNumber);
      if (orderId && !recentlySignalled.has(orderId, event.eventId)) {
        byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), event]);
      }
    }
    await Promise.all(
      [...byOrder].map(async ([orderId, orderEvents]) => {
        const oldestFirst = [...orderEvents].sort(
          (a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt),
        );
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
      }),
    );
  };
}
