import type { Database, Queryable } from '../db/database';
import type { OrderLine } from '../domain/order';
import type { StockShortage } from '../domain/order-events';

export type ReservationResult = { reserved: true } | { reserved: false; shortages: StockShortage[] };

function quantitiesBySku(lines: readonly Pick<OrderLine, 'sku' | 'quantity'>[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const line of lines) totals.set(line.sku, (totals.get(line.sku) ?? 0) + line.quantity);
  return totals;
}

async function hasHeldReservation(tx: Queryable, orderId: string): Promise<boolean> {
  const held = await tx.query(`SELECT 1 FROM reservations WHERE order_id = $1 AND state = 'held' LIMIT 1`, [
    orderId,
  ]);
  return held.rows.length > 0;
}

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
      const wanted = quantitiesBySku(input.lines);
      const skus = [...wanted.keys()].sort();
      return db.transaction(async (tx) => {
        if (await hasHeldReservation(tx, input.orderId)) return { reserved: true };
        const stock = await tx.query<{ sku: string; on_hand: number; reserved: number }>(
          `SELECT sku, on_hand, reserved FROM inventory WHERE sku = ANY($1::text[]) ORDER BY sku FOR UPDATE`,
          [skus],
        );
        const available = new Map(stock.rows.map((row) => [row.sku, row.on_hand - row.reserved]));
        const shortages: StockShortage[] = skus
          .map((sku) => ({ sku, requested: wanted.get(sku)!, available: available.get(sku) ?? 0 }))
          .filter((line) => line.available < line.requested);

        if (shortages.length > 0) {
          for (const shortage of shortages) {
            await tx.query(
              `INSERT INTO backorders (order_id, sku, quantity) VALUES ($1, $2, $3)
               ON CONFLICT (order_id, sku) DO UPDATE SET quantity = EXCLUDED.quantity`,
              [input.orderId, shortage.sku, shortage.requested],
            );
          }
          return { reserved: false, shortages };
        }
        for (const sku of skus) {
          const quantity = wanted.get(sku)!;
          await tx.query(`UPDATE inventory SET reserved = reserved + $2, updated_at = now() WHERE sku = $1`, [
            sku,
            quantity,
          ]);
          await tx.query(
            `INSERT INTO reservations (order_id, sku, quantity, state) VALUES ($1, $2, $3, 'held')
             ON CONFLICT (order_id, sku) DO UPDATE SET quantity = EXCLUDED.quantity, state = 'held', updated_at = now()`,
            [input.orderId, sku, quantity],
          );
        }
        await tx.query(`DELETE FROM backorders WHERE order_id = $1`, [input.orderId]);
        return { reserved: true };
      });
    },

    /** Gives back whatever the order holds (cancellation). Idempotent. */
    async releaseInventory(input: { orderId: string }): Promise<{ releasedUnits: number }> {
      return db.transaction(async (tx) => {
        const held = await tx.query<{ sku: string; quantity: number }>(
          `SELECT sku, quantity FROM reservations WHERE order_id = $1 AND state = 'held' ORDER BY sku FOR UPDATE`,
          [input.orderId],
        );
        let releasedUnits = 0;
        for (const row of held.rows) {
          await tx.query(`UPDATE inventory SET reserved = reserved - $2, updated_at = now() WHERE sku = $1`, [
            row.sku,
            row.quantity,
          ]);
          releasedUnits += row.quantity;
        }
        await tx.query(
          `UPDATE reservations SET state = 'released', updated_at = now() WHERE order_id = $1 AND state = 'held'`,
          [input.orderId],
        );
        await tx.query(`DELETE FROM backorders WHERE order_id = $1`, [input.orderId]);
        return { releasedUnits };
      });
    },
  };
}
