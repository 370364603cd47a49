import { Router } from 'express';
import { createUnknownTrackingLog } from '../../carriers/unknown-tracking-log';
import type { Database } from '../../db/database';

/** GET /ops/tracking/unknown: carrier events for tracking numbers no order owns, most recent first. */
export function trackingOpsRoutes({ db }: { db: Database }): Router {
  const router = Router();
  router.get('/tracking/unknown', async (_req, res) => {
    res.json({ items: await createUnknownTrackingLog(db).list(100) });
  });
  return router;
}
