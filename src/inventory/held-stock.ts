/**
 * The common clauses of a statement that ends an order's ($1) held reservations in `state` and applies
 * `change` to its SKUs' stock rows (`i`, from the ended reservation `r`'s quantity), the rows locked in
 * SKU order like a reservation locks them. The CTE `ended` holds the (sku, quantity) that left hold.
 */
export const endHeldStock = (state: 'released' | 'shipped', change: string) => `ended AS (
     UPDATE reservations SET state = '${state}', updated_at = now()
      WHERE order_id = $1 AND state = 'held' RETURNING sku, quantity
   ), locked AS MATERIALIZED (
     SELECT i.sku FROM inventory i WHERE i.sku IN (SELECT sku FROM ended) ORDER BY i.sku FOR NO KEY UPDATE
   ), moved AS (
     UPDATE inventory i SET ${change}, updated_at = now()
       FROM ended r WHERE i.sku = r.sku AND i.sku IN (SELECT sku FROM locked)
   )`;
