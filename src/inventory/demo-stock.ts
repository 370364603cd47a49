import type { Database } from '../db/database';

export const DEMO_SKUS = ['SKU-MUG', 'SKU-TEE', 'SKU-HOODIE', 'SKU-CAP', 'SKU-POSTER'];

/** Gives an empty inventory a few SKUs so the demo's orders can be reserved; returns whether it did. */
export async function seedDemoStock(db: Database, units: number): Promise<boolean> {
  if (units <= 0) return false;
  const existing = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM inventory');
  if ((existing.rows[0]?.n ?? 0) > 0) return false;
  for (const sku of DEMO_SKUS) {
    await db.query('INSERT INTO inventory (sku, on_hand) VALUES ($1, $2) ON CONFLICT (sku) DO NOTHING', [
      sku,
      units,
    ]);
  }
  return true;
}
