import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Database } from '../db/database';
import { createUnknownTrackingLog } from '../carriers/unknown-tracking-log';
import { checkSync } from '../ops/sync-check';
import { sendProblem } from './problem';

export function opsRoutes({ db, client }: { db: Database; client: Client }): Router {
  const router = Router();
  /** Read model vs workflow state for every order; 200 when in sync, 409 with the mismatches otherwise. */
  router.get('/ops/sync-check', async (_req, res) => {
    const report = await checkSync(db, client);
    if (report.mismatches.length === 0) res.json(report);
    else {
      const detail = `${report.mismatches.length} orders differ between the read model and their workflows.`;
      sendProblem(res, 409, 'out_of_sync', detail, { ...report });
    }
  });
  /** Carrier events for tracking numbers no order owns, most recent first. */
  router.get('/ops/tracking/unknown', async (_req, res) => {
    res.json({ items: await createUnknownTrackingLog(db).list(100) });
  });
  return router;
}
