import type { Database } from '../db/database';
import type { CanonicalOrder } from '../domain/order';
import { orderTotalMinor } from '../domain/order';
import type { OrderStatus } from '../domain/order-status';
import type { ShipmentState, TimelineEntry } from '../domain/order-lifecycle';

export interface OrderSnapshot {
  order: CanonicalOrder;
  status: OrderStatus;
  delayed: boolean;
  version: number;
  estimatedDelivery?: string;
  shipment?: ShipmentState;
  /** Timeline entries not yet projected (seq above what the read model had). */
  newEntries: TimelineEntry[];
}

export function createProjectionActivities(db: Database) {
  return {
    /**
     * Writes the order's state to the read model, keyed by version: an older snapshot changes nothing.
     * A snapshot of the same or a newer version rewrites the rows it carries. It runs as a local
     * activity, so a workflow task that fails after it ran (a signal arrived as the workflow tried to
     * finish, a worker crash) is retried, and the retry's view of those timeline entries, with its own
     * recording times, is the one the workflow keeps; it must also be the one the read model keeps.
     */
    async projectOrder(snapshot: OrderSnapshot): Promise<{ written: boolean }> {
      const { order } = snapshot;
      return db.transaction(async (tx) => {
        const upsert = await tx.query(
          `INSERT INTO orders (order_id, channel, account_id, external_id, customer_id, status, delayed, version,
             currency, total_minor, promised_delivery, estimated_delivery, order_data, placed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
           ON CONFLICT (order_id) DO UPDATE SET status = EXCLUDED.status, delayed = EXCLUDED.delayed,
             version = EXCLUDED.version, estimated_delivery = EXCLUDED.estimated_delivery, updated_at = now()
           WHERE orders.version <= EXCLUDED.version
           RETURNING version`,
          [
            order.orderId,
            order.channel,
            order.accountId,
            order.externalId,
            order.customer.id,
            snapshot.status,
            snapshot.delayed,
            snapshot.version,
            order.currency,
            orderTotalMinor(order),
            order.promisedDeliveryDate ?? null,
            snapshot.estimatedDelivery ?? null,
            JSON.stringify(order),
            order.placedAt,
          ],
        );
        const written = upsert.rows.length > 0;
        if (written && snapshot.newEntries.length > 0) {
          await tx.query(
            `INSERT INTO order_timeline (order_id, seq, event_id, event_type, source, from_status, to_status, applied,
               note, details, occurred_at, recorded_at)
             SELECT $1, e.seq, e."eventId", e."eventType", e.source, e."from", e."to", e.applied, e.note,
               coalesce(e.details, '{}'::jsonb), e."occurredAt", e."recordedAt"
             FROM jsonb_to_recordset($2::jsonb) AS e(seq int, "eventId" text, "eventType" text, source text,
               "from" text, "to" text, applied boolean, note text, details jsonb, "occurredAt" timestamptz,
               "recordedAt" timestamptz)
             ON CONFLICT (order_id, seq) DO UPDATE SET event_id = EXCLUDED.event_id,
               event_type = EXCLUDED.event_type, source = EXCLUDED.source, from_status = EXCLUDED.from_status,
               to_status = EXCLUDED.to_status, applied = EXCLUDED.applied, note = EXCLUDED.note,
               details = EXCLUDED.details, occurred_at = EXCLUDED.occurred_at, recorded_at = EXCLUDED.recorded_at`,
            [order.orderId, JSON.stringify(snapshot.newEntries)],
          );
        }
        if (written && snapshot.shipment?.trackingNumber) {
          await tx.query(
            `UPDATE shipments SET status = $2, estimated_delivery = $3, updated_at = now() WHERE tracking_number = $1`,
            [
              snapshot.shipment.trackingNumber,
              snapshot.shipment.trackingStatus,
              snapshot.estimatedDelivery ?? null,
            ],
          );
        }
        return { written };
      });
    },
  };
}
