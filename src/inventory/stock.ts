import type { Database, Queryable } from '../db/database';

export interface StockLevel {
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
}

export async function findStock(db: Queryable, sku: string): Promise<StockLevel | undefined> {
  const result = await db.query<StockLevel>(
    `SELECT sku, on_hand AS "onHand", reserved, on_hand - reserved AS available FROM inventory WHERE sku = $1`,
    [sku],
  );
  return result.rows[0];
}

/** Sets the counted stock of a SKU (never below what is reserved). */
export async function setStock(db: Database, sku: string, onHand: number): Promise<StockLevel> {
  return db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO inventory (sku, on_hand) VALUES ($1, $2)
       ON CONFLICT (sku) DO UPDATE SET on_hand = GREATEST(EXCLUDED.on_hand, inventory.reserved), updated_at = now()`,
      [sku, onHand],
    );
    return (await findStock(tx, sku))!;
  });
}

export interface RestockResult {
  stock: StockLevel;
  duplicate: boolean;
  /** Orders waiting for this SKU, to be told stock arrived. */
  waitingOrderIds: string[];
}

/** Adds received units once per event ID and names the backordered orders that wanted them. */
export async function receiveStock(
  db: Database,
  receipt: { eventId: string; sku: string; quantity: number },
): Promise<RestockResult> {
  return db.transaction(async (tx) => {
    await tx.query(`INSERT INTO inventory (sku, on_hand) VALUES ($1, 0) ON CONFLICT (sku) DO NOTHING`, [
      receipt.sku,
    ]);
    const inserted = await tx.query(
      `INSERT INTO inventory_receipts (event_id, sku, quantity) VALUES ($1, $2, $3)
       ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [receipt.eventId, receipt.sku, receipt.quantity],
    );
    const duplicate = inserted.rows.length === 0;
    if (!duplicate) {
      await tx.query(`UPDATE inventory SET on_hand = on_hand + $2, updated_at = now() WHERE sku = $1`, [
        receipt.sku,
        receipt.quantity,
      ]);
    }
    const waiting = await tx.query<{ order_id: string }>(
      `SELECT order_id FROM backorders WHERE sku = $1 ORDER BY order_id`,
      [receipt.sku],
    );
    return {
      stock: (await findStock(tx, receipt.sku))!,
      duplicate,
      waitingOrderIds: waiting.rows.map((row) => row.order_id),
    };
  });
}
