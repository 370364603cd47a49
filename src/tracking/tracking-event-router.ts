import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { createUnknownTrackingLog } from '../carriers/unknown-tracking-log';
import type { Queryable } from '../db/database';
import type { CarrierTrackingEvent } from '../domain/tracking-status';
import { carrierUpdateSignal } from '../workflows/messages';
import { orderWorkflowId } from '../workflows/order-workflow-id';

/**
 * Hands verified carrier events to the orders that own their tracking numbers (a signal each; the
 * workflow drops repeats by event ID). Numbers no order owns are recorded for ops, not errors.
 */
export function routeTrackingEvents(db: Queryable, client: Client) {
  const unknownTracking = createUnknownTrackingLog(db);
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
    await Promise.all(
      events
        .filter((event) => orderByNumber.has(event.trackingNumber))
        .map((event) =>
          client.workflow
            .getHandle(orderWorkflowId(orderByNumber.get(event.trackingNumber)!))
            .signal(carrierUpdateSignal, event)
            .catch((error: unknown) => {
              // The order's workflow has finished (delivered and past its retention, or cancelled):
              // nothing is left to update, and the carrier must not be told to send it again.
              if (!(error instanceof WorkflowNotFoundError)) throw error;
            }),
        ),
    );
  };
}
