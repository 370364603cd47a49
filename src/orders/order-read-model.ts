import type { Queryable } from '../db/database';
import type { CanonicalOrder } from '../domain/order';
import { orderTotalMinor } from '../domain/order-totals';
import type { ShipmentState, TimelineEntry } from '../domain/order-lifecycle';
import { TERMINAL_STATUSES, type OrderStatus } from '../domain/order-status';
import type { DeliveryForecast } from '../domain/promise/delivery-forecast';
import type { OrderNotificationRequest } from '../domain/order-notices';
import { insertNoticesSql } from '../notifications/outbox/store';

/** The read model of orders everyone queries: the workflow's projection writes it, the rest read it. */

// ---- Reader ----

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
  /** 'channel' or 'derived' (from the service level at admission); null for orders from before. */
  promiseSource: string | null;
  estimatedDelivery: string | null;
  /** The current delivery forecast's window (inclusive dates), estimate and late probability. */
  predictedFrom: string | null;
  predictedTo: string | null;
  predictedEstimate: string | null;
  lateProbability: number | null;
  forecastModelVersion: number | null;
  /** The promise was found at risk and the customer warned. */
  atRisk: boolean;
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
  to_char(promised_delivery, 'YYYY-MM-DD') AS "promisedDelivery", promise_source AS "promiseSource",
  to_char(estimated_delivery, 'YYYY-MM-DD') AS "estimatedDelivery",
  to_char(predicted_from, 'YYYY-MM-DD') AS "predictedFrom", to_char(predicted_to, 'YYYY-MM-DD') AS "predictedTo",
  to_char(predicted_estimate, 'YYYY-MM-DD') AS "predictedEstimate", late_probability AS "lateProbability",
  forecast_model_version AS "forecastModelVersion", at_risk AS "atRisk",
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

/** The order's version only: a cheap check whether anything changed. */
export async function findOrderVersion(db: Queryable, orderId: string): Promise<number | undefined> {
  const result = await db.query<{ version: number }>('SELECT version FROM orders WHERE order_id = $1', [
    orderId,
  ]);
  return result.rows[0]?.version;
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

/** Statuses an order is no longer open in: the terminal ones and delivered. */
const CLOSED_STATUSES = [...TERMINAL_STATUSES, 'delivered'];

/** Open orders counted per status (the open-orders gauge). */
export async function openOrderCounts(db: Queryable): Promise<{ status: string; count: number }[]> {
  const { rows } = await db.query<{ status: string; count: string | number }>(
    'SELECT status, count(*) AS count FROM orders WHERE NOT (status = ANY($1::text[])) GROUP BY status',
    [CLOSED_STATUSES],
  );
  return rows.map((row) => ({ status: row.status, count: Number(row.count) }));
}

/** The orders whose shipments carry these tracking numbers, with which of these event IDs each has applied. */
export async function shipmentOwners(
  db: Queryable,
  trackingNumbers: string[],
  eventIds: string[],
): Promise<{ trackingNumber: string; orderId: string; knownEventIds: string[] }[]> {
  const { rows } = await db.query<{ tracking_number: string; order_id: string; known: string[] | null }>(
    `SELECT s.tracking_number, s.order_id,
            (SELECT array_agg(t.event_id) FROM order_timeline t
              WHERE t.order_id = s.order_id AND t.event_id = ANY($2::text[])) AS known
       FROM shipments s WHERE s.tracking_number = ANY($1::text[])`,
    [trackingNumbers, eventIds],
  );
  return rows.map((row) => ({
    trackingNumber: row.tracking_number,
    orderId: row.order_id,
    knownEventIds: row.known ?? [],
  }));
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

// ---- Writer: the order workflow's projection ----

export interface OrderSnapshot {
  order: CanonicalOrder;
  status: OrderStatus;
  delayed: boolean;
  version: number;
  estimatedDelivery?: string;
  shipment?: ShipmentState;
  deliveryForecast?: DeliveryForecast;
  atRisk?: boolean;
  /** Timeline entries not yet projected (seq above what the read model had). */
  newEntries: TimelineEntry[];
}

/**
 * Writes the order's state to the read model, keyed by version: an older snapshot changes nothing.
 * A snapshot of the same or a newer version rewrites the rows it carries. It runs as a local
 * activity, so a workflow task that fails after it ran (a signal arrived as the workflow tried to
 * finish, a worker crash) is retried, and the retry's view of those timeline entries, with its own
 * recording times, is the one the workflow keeps; it must also be the one the read model keeps.
 *
 * One statement, so one round trip and one transaction: the order row, its new timeline entries and
 * its shipment's status when the version is new, and the notices of this version into the notice
 * outbox in any case (a notice already there, from a retried write, is kept as it is).
 */
export async function writeOrderSnapshot(
  db: Queryable,
  snapshot: OrderSnapshot,
  outbox: SnapshotNotices = NO_NOTICES,
): Promise<{ written: boolean }> {
  const result = await db.query<{ written: boolean }>(WRITE_SNAPSHOT, snapshotParams(snapshot, outbox));
  return { written: result.rows[0]?.written === true };
}

/** The customers' notices this version brings, for the notice outbox, and the trace they belong to. */
export interface SnapshotNotices {
  notices: OrderNotificationRequest[];
  traceContext: Record<string, string>;
}

const NO_NOTICES: SnapshotNotices = { notices: [], traceContext: {} };

const WRITE_SNAPSHOT = `WITH written AS (
     INSERT INTO orders (order_id, channel, account_id, external_id, customer_id, status, delayed, version,
       currency, total_minor, promised_delivery, estimated_delivery, order_data, placed_at, promise_source,
       predicted_from, predicted_to, predicted_estimate, late_probability, forecast_model_version, at_risk)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
     ON CONFLICT (order_id) DO UPDATE SET status = EXCLUDED.status, delayed = EXCLUDED.delayed,
       version = EXCLUDED.version, estimated_delivery = EXCLUDED.estimated_delivery,
       promise_source = EXCLUDED.promise_source, predicted_from = EXCLUDED.predicted_from,
       predicted_to = EXCLUDED.predicted_to, predicted_estimate = EXCLUDED.predicted_estimate,
       late_probability = EXCLUDED.late_probability, forecast_model_version = EXCLUDED.forecast_model_version,
       at_risk = EXCLUDED.at_risk, updated_at = now()
     WHERE orders.version <= EXCLUDED.version
     RETURNING order_id
   ), timeline AS (
     INSERT INTO order_timeline (order_id, seq, event_id, event_type, source, from_status, to_status, applied,
       note, details, occurred_at, recorded_at)
     SELECT w.order_id, e.seq, e."eventId", e."eventType", e.source, e."from", e."to", e.applied, e.note,
       coalesce(e.details, '{}'::jsonb), e."occurredAt", e."recordedAt"
     FROM written w, jsonb_to_recordset($22::jsonb) AS e(seq int, "eventId" text, "eventType" text,
       source text, "from" text, "to" text, applied boolean, note text, details jsonb,
       "occurredAt" timestamptz, "recordedAt" timestamptz)
     ON CONFLICT (order_id, seq) DO UPDATE SET event_id = EXCLUDED.event_id,
       event_type = EXCLUDED.event_type, source = EXCLUDED.source, from_status = EXCLUDED.from_status,
       to_status = EXCLUDED.to_status, applied = EXCLUDED.applied, note = EXCLUDED.note,
       details = EXCLUDED.details, occurred_at = EXCLUDED.occurred_at, recorded_at = EXCLUDED.recorded_at
   ), shipment AS (
     UPDATE shipments SET status = $24, estimated_delivery = $12, updated_at = now()
      WHERE tracking_number = $23 AND EXISTS (SELECT 1 FROM written)
   ), notices AS (${insertNoticesSql(25, 26)})
   SELECT EXISTS (SELECT 1 FROM written) AS written`;

function snapshotParams(snapshot: OrderSnapshot, outbox: SnapshotNotices): unknown[] {
  const { order, deliveryForecast: forecast, shipment } = snapshot;
  return [
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
    order.promiseSource ?? null,
    forecast?.window.earliest ?? null,
    forecast?.window.latest ?? null,
    forecast?.estimatedDate ?? null,
    forecast?.lateProbability ?? null,
    forecast?.modelVersion ?? null,
    snapshot.atRisk ?? false,
    JSON.stringify(snapshot.newEntries),
    shipment?.trackingNumber || null,
    shipment?.trackingStatus ?? null,
    JSON.stringify(outbox.notices),
    JSON.stringify(outbox.traceContext),
  ];
}
