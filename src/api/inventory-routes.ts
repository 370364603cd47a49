import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Database } from '../db/database';
import { findStock, receiveStock, setStock } from '../inventory/stock';
import { notifyRestocked } from '../orders/order-client';
import { HttpError } from './http-errors';
import { parseBody } from './parse-body';
import { restockSchema, stockLevelSchema } from './request-schemas';

export function inventoryRoutes({ db, client }: { db: Database; client: Client }): Router {
  const router = Router();

  router.get('/inventory/:sku', async (req, res) => {
    const stock = await findStock(db, req.params.sku);
    if (!stock) throw new HttpError(404, 'sku_not_found', `No stock record for SKU ${req.params.sku}.`);
    res.json(stock);
  });

  router.put('/inventory/:sku', async (req, res) => {
    const { onHand } = parseBody(req, stockLevelSchema);
    res.json(await setStock(db, req.params.sku, onHand));
  });

  router.post('/inventory/:sku/restock', async (req, res) => {
    const { eventId, quantity } = parseBody(req, restockSchema);
    const sku = req.params.sku;
    const result = await receiveStock(db, { eventId, sku, quantity });
    // Every waiting order re-checks its whole order; the lifecycle decides who gets the units.
    const notified = await Promise.allSettled(
      result.waitingOrderIds.map((orderId) =>
        notifyRestocked(client, orderId, { eventId: `${eventId}:${orderId}`, sku }),
      ),
    );
    res.status(result.duplicate ? 200 : 201).json({
      ...result.stock,
      outcome: result.duplicate ? 'duplicate' : 'received',
      ordersNotified: notified.filter((outcome) => outcome.status === 'fulfilled').length,
    });
  });

  return router;
}
