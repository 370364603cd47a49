import type { Database } from '../db/database';
import type { Carrier } from '../domain/tracking-status';
import { generateTrackingNumber } from '../domain/tracking-numbers';
import { endHeldStock } from '../inventory/held-stock';

export interface ShipmentActivityConfig {
  upsShipperId: string;
}

/**
 * The order's held stock leaves the warehouse: its reservations are marked shipped and the units
 * leave on-hand and reserved together, the SKUs' rows locked in SKU order. Last in its transaction,
 * so a hot SKU's row is locked only for this statement and the commit.
 */
const STOCK_LEAVES = `WITH ${endHeldStock('shipped', 'on_hand = i.on_hand - r.quantity, reserved = i.reserved - r.quantity')}
   SELECT count(*) FROM ended`;

export function createShipmentActivities(db: Database, config: ShipmentActivityConfig) {
  return {
    /**
     * Records a shipment: a carrier-valid tracking number from the package sequence (unique by
     * construction and by constraint), and the order's held stock leaves the warehouse. A retry finds
     * the shipment already recorded and returns the same number.
     */
    async recordShipment(input: {
      orderId: string;
      shipmentNo: number;
      carrier: Carrier;
      service: string;
    }): Promise<{ trackingNumber: string }> {
      return db.transaction(async (tx) => {
        const existing = await tx.query<{ tracking_number: string }>(
          `SELECT tracking_number FROM shipments WHERE order_id = $1 AND shipment_no = $2`,
          [input.orderId, input.shipmentNo],
        );
        if (existing.rows[0]) return { trackingNumber: existing.rows[0].tracking_number };

        const sequence = await tx.query<{ n: number }>(`SELECT nextval('tracking_package_seq') AS n`);
        const trackingNumber = generateTrackingNumber({
          carrier: input.carrier,
          service: input.service,
          packageSequence: Number(sequence.rows[0]!.n),
          upsShipperId: config.upsShipperId,
        });
        await tx.query(
          `INSERT INTO shipments (order_id, shipment_no, carrier, service, tracking_number) VALUES ($1, $2, $3, $4, $5)`,
          [input.orderId, input.shipmentNo, input.carrier, input.service, trackingNumber],
        );
        await tx.query(STOCK_LEAVES, [input.orderId]);
        return { trackingNumber };
      });
    },
  };
}
