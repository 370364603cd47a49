import type { Database } from '../db/database';
import type { OrderLine } from '../domain/order';
import type { StockShortage } from '../domain/order-events';
import { endHeldStock } from '../inventory/held-stock';

export type ReservationResult = { reserved: true } | { reserved: false; shortages: StockShortage[] };

function quantitiesBySku(lines: readonly Pick<OrderLine, 'sku' | 'quantity'>[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const line of lines) totals.set(line.sku, (totals.get(line.sku) ?? 0) + line.quantity);
  return totals;
}

/**
 * Reserves every line or none, in one statement: the SKUs' rows are locked in SKU order, checked and
 * taken, and the lock is held only while the statement runs, not across round trips. A hot SKU (a
 * flash sale) then admits orders at the database's pace, not at the pace of its round trips.
 * An order that already holds its stock changes nothing; an order that cannot be served records its
 * shortages as backorders.
 */
const RESERVE = `WITH wanted AS (
     SELECT w.sku, w.quantity FROM jsonb_to_recordset($2::jsonb) AS w(sku text, quantity integer)
   ), already AS (
     SELECT EXISTS (SELECT 1 FROM reservations WHERE order_id = $1 AND state = 'held') AS held
   ), stock AS MATERIALIZED (
     SELECT i.sku, i.on_hand - i.reserved AS available FROM inventory i
      WHERE i.sku IN (SELECT sku FROM wanted) AND NOT (SELECT held FROM already)
      ORDER BY i.sku FOR NO KEY UPDATE
   ), shortages AS MATERIALIZED (
     SELECT w.sku, w.quantity AS requested, coalesce(s.available, 0) AS available
       FROM wanted w LEFT JOIN stock s ON s.sku = w.sku
      WHERE NOT (SELECT held FROM already) AND coalesce(s.available, 0) < w.quantity
   ), verdict AS (
     SELECT NOT (SELECT held FROM already) AND NOT EXISTS (SELECT 1 FROM shortages) AS reserve
   ), taken AS (
     UPDATE inventory i SET reserved = i.reserved + w.quantity, updated_at = now()
       FROM wanted w WHERE i.sku = w.sku AND (SELECT reserve FROM verdict)
   ), held AS (
     INSERT INTO reservations (order_id, sku, quantity, state)
     SELECT $1, sku, quantity, 'held' FROM wanted WHERE (SELECT reserve FROM verdict)
     ON CONFLICT (order_id, sku) DO UPDATE SET quantity = EXCLUDED.quantity, state = 'held', updated_at = now()
   ), served AS (
     DELETE FROM backorders WHERE order_id = $1 AND (SELECT reserve FROM verdict)
   ), waiting AS (
     INSERT INTO backorders (order_id, sku, quantity) SELECT $1, sku, requested FROM shortages
     ON CONFLICT (order_id, sku) DO UPDATE SET quantity = EXCLUDED.quantity
   )
   SELECT (SELECT held FROM already) OR (SELECT reserve FROM verdict) AS reserved,
     coalesce((SELECT jsonb_agg(jsonb_build_object('sku', sku, 'requested', requested, 'available', available)
       ORDER BY sku) FROM shortages), '[]'::jsonb) AS shortages`;

/** Gives the order's held units back to stock and forgets its backorders, in one statement like RESERVE. */
const RELEASE = `WITH ${endHeldStock('released', 'reserved = i.reserved - r.quantity')},
   forgotten AS (DELETE FROM backorders WHERE order_id = $1)
   SELECT coalesce(sum(quantity), 0)::integer AS units FROM ended`;

export function createInventoryActivities(db: Database) {
  return {
    /**
     * Reserves every line or none, atomically. Rows are locked in SKU order, so concurrent orders for
     * the last unit serialize and exactly one wins. Re-running it for a reserved order changes nothing.
     */
    async reserveInventory(input: {
      orderId: string;
      lines: Pick<OrderLine, 'sku' | 'quantity'>[];
    }): Promise<ReservationResult> {
      const wanted = [...quantitiesBySku(input.lines)].map(([sku, quantity]) => ({ sku, quantity }));
      const { rows } = await db.query<{ reserved: boolean; shortages: StockShortage[] }>(RESERVE, [
        input.orderId,
        JSON.stringify(wanted),
      ]);
      const { reserved, shortages } = rows[0]!;
      return reserved ? { reserved: true } : { reserved: false, shortages };
    },

    /** Gives back whatever the order holds (cancellation). Idempotent. */
    async releaseInventory(input: { orderId: string }): Promise<{ releasedUnits: number }> {
      const { rows } = await db.query<{ units: number }>(RELEASE, [input.orderId]);
      return { releasedUnits: rows[0]?.units ?? 0 };
    },
  };
}
