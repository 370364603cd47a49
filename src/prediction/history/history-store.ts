import type { Queryable } from '../../db/database';
import type { ShipmentHistoryRecord } from './shipment-history';

const COLUMNS = [
  'natural_key',
  'source',
  'carrier',
  'service',
  'delivery_terms',
  'origin_region',
  'destination_region',
  'promised_date',
  'shipped_at',
  'delivered_at',
  'weight_kg',
  'stage_timings',
] as const;
const BATCH_ROWS = 500;

const values = (r: ShipmentHistoryRecord): unknown[] => [
  r.naturalKey,
  r.source,
  r.carrier,
  r.service,
  r.deliveryTerms,
  r.originRegion,
  r.destinationRegion,
  r.promisedDate,
  r.shippedAt,
  r.deliveredAt,
  r.weightKg,
  JSON.stringify(r.stageTimings),
];

/**
 * Adds delivered shipments to the history; one already there (same natural key) is left as it is.
 * Returns how many rows were new.
 */
export async function recordDeliveredShipments(
  db: Queryable,
  records: readonly ShipmentHistoryRecord[],
): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < records.length; start += BATCH_ROWS) {
    const batch = records.slice(start, start + BATCH_ROWS);
    const placeholders = batch.map(
      (_, row) => `(${COLUMNS.map((_, col) => `$${row * COLUMNS.length + col + 1}`).join(', ')})`,
    );
    const result = await db.query(
      `INSERT INTO shipment_history (${COLUMNS.join(', ')}) VALUES ${placeholders.join(', ')}
       ON CONFLICT (natural_key) DO NOTHING RETURNING natural_key`,
      batch.flatMap(values),
    );
    inserted += result.rows.length;
  }
  return inserted;
}

interface HistoryRow {
  natural_key: string;
  source: string;
  carrier: string;
  service: string;
  delivery_terms: string | null;
  origin_region: string | null;
  destination_region: string;
  promised_date: string;
  shipped_at: string | null;
  delivered_at: string;
  weight_kg: number | null;
  stage_timings: Record<string, number>;
}

/** The whole history, oldest promise first; dates come back as text so no time zone shifts them. */
export async function readShipmentHistory(db: Queryable): Promise<ShipmentHistoryRecord[]> {
  const result = await db.query<HistoryRow>(
    `SELECT natural_key, source, carrier, service, delivery_terms, origin_region, destination_region,
            to_char(promised_date, 'YYYY-MM-DD') AS promised_date,
            to_char(shipped_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS shipped_at,
            to_char(delivered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS delivered_at,
            weight_kg, stage_timings
       FROM shipment_history ORDER BY promised_date, natural_key`,
  );
  return result.rows.map((row) => ({
    naturalKey: row.natural_key,
    source: row.source,
    carrier: row.carrier,
    service: row.service,
    deliveryTerms: row.delivery_terms,
    originRegion: row.origin_region,
    destinationRegion: row.destination_region,
    promisedDate: row.promised_date,
    shippedAt: row.shipped_at,
    deliveredAt: row.delivered_at,
    weightKg: row.weight_kg === null ? null : Number(row.weight_kg),
    stageTimings: row.stage_timings,
  }));
}
