import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Database } from '../db/database';
import { checkSync } from '../ops/sync-check';

export function opsRoutes({ db, client }: { db: Database; client: Client }): Router {
  const router = Router();
  /** Read model vs workflow state for every order; 200 when in sync, 409 with the mismatches otherwise. */
  router.get('/ops/sync-check', async (_req, res) => {
    const report = await checkSync(db, client);
    res.status(report.mismatches.length === 0 ? 200 : 409).json(report);
  });
  return router;
}
