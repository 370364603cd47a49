import { Router } from 'express';
import type { Database } from '../db/database';
import { countOpenOrdersWith, registry } from './metrics';
import { openOrderCounts } from '../orders/order-read-model';

/** GET /metrics in Prometheus text format; the open-orders gauge is read from `db` at scrape time. */
export function metricsRoutes(db: Database): Router {
  countOpenOrdersWith(() => openOrderCounts(db));
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  return router;
}
