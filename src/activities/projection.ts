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
     * Writes the order's state to the read model. Keyed by version: an older or repeated snapshot
     * (retry, replay) changes nothing, timeline rows are inserted once by (order, seq).
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
           WHERE orders.version < EXCLUDED.version
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
        if (snapshot.newEntries.length > 0) {
          await tx.query(
            `INSERT INTO order_timeline (order_id, seq, event_id, event_type, source, from_status, to_status, applied,
               note, details, occurred_at, recorded_at)
             SELECT $1, e.seq, e."eventId", e."eventType", e.source, e."from", e."to", e.applied, e.note,
               coalesce(e.details, '{}'::jsonb), e."occurredAt", e."recordedAt"
             FROM jsonb_to_recordset($2::jsonb) AS e(seq int, "eventId" text, "eventType" text, source text,
               "from" text, "to" text, applied boolean, note text, details jsonb, "occurredAt" timestamptz,
               "recordedAt" timestamptz)
             ON CONFLICT (order_id, seq) DO NOTHING`,
            [order.orderId, JSON.stringify(snapshot.newEntries)],
          );
        }
        const written = upsert.rows.length > 0;
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
