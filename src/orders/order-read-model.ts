import type { Queryable } from '../db/database';

export interface OrderRecord {
  orderId: string;
  channel: string;
  accountId: string;
  externalId: string;
  customerId: string;
  status: string;
  delayed: boolean;
  version: number;
  currency: string;
  totalMinor: number;
  promisedDelivery: string | null;
  estimatedDelivery: string | null;
  placedAt: string;
  updatedAt: string;
  order: unknown;
}

export interface TimelineRecord {
  seq: number;
  eventId: string;
  eventType: string;
  source: string;
  from: string;
  to: string;
  applied: boolean;
  note: string | null;
  details: unknown;
  occurredAt: string;
  recordedAt: string;
}

export interface ShipmentRecord {
  shipmentNo: number;
  carrier: string;
  service: string;
  trackingNumber: string;
  status: string;
  estimatedDelivery: string | null;
}

const ORDER_COLUMNS = `order_id AS "orderId", channel, account_id AS "accountId", external_id AS "externalId",
  customer_id AS "customerId", status, delayed, version, currency, total_minor AS "totalMinor",
  to_char(promised_delivery, 'YYYY-MM-DD') AS "promisedDelivery",
  to_char(estimated_delivery, 'YYYY-MM-DD') AS "estimatedDelivery",
  placed_at AS "placedAt", updated_at AS "updatedAt", order_data AS "order"`;

export async function findOrder(db: Queryable, orderId: string): Promise<OrderRecord | undefined> {
  const result = await db.query<OrderRecord>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE order_id = $1`, [
    orderId,
  ]);
  return result.rows[0];
}

/** The timeline in the order things happened (a late scan sits where it belongs), ties by arrival. */
export async function findTimeline(db: Queryable, orderId: string): Promise<TimelineRecord[]> {
  const result = await db.query<TimelineRecord>(
    `SELECT seq, event_id AS "eventId", event_type AS "eventType", source, from_status AS "from",
       to_status AS "to", applied, note, details, occurred_at AS "occurredAt", recorded_at AS "recordedAt"
     FROM order_timeline WHERE order_id = $1 ORDER BY occurred_at, seq`,
    [orderId],
  );
  return result.rows;
}

export async function hasTimelineEvent(db: Queryable, orderId: string, eventId: string): Promise<boolean> {
  const result = await db.query(`SELECT 1 FROM order_timeline WHERE order_id = $1 AND event_id = $2`, [
    orderId,
    eventId,
  ]);
  return result.rows.length > 0;
}

export async function findShipments(db: Queryable, orderId: string): Promise<ShipmentRecord[]> {
  const result = await db.query<ShipmentRecord>(
    `SELECT shipment_no AS "shipmentNo", carrier, service, tracking_number AS "trackingNumber", status,
       to_char(estimated_delivery, 'YYYY-MM-DD') AS "estimatedDelivery"
     FROM shipments WHERE order_id = $1 ORDER BY shipment_no`,
    [orderId],
  );
  return result.rows;
}

export interface OrderSyncRow {
  orderId: string;
  status: string;
  version: number;
  timelineLength: number;
}

export async function listOrderSyncRows(db: Queryable): Promise<OrderSyncRow[]> {
  const result = await db.query<OrderSyncRow>(
    `SELECT o.order_id AS "orderId", o.status, o.version,
       (SELECT count(*) FROM order_timeline t WHERE t.order_id = o.order_id)::int AS "timelineLength"
     FROM orders o ORDER BY o.order_id`,
  );
  return result.rows;
}
