import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Database } from '../../db/database';
import { checkSync } from '../../ops/sync-check';
import { sendProblem } from '../problem';

/** GET /ops/sync-check: read model vs workflow state for every order; 200 in sync, 409 with the mismatches. */
export function orderOpsRoutes({ db, client }: { db: Database; client: Client }): Router {
  const router = Router();
  router.get('/sync-check', async (_req, res) => {
    const report = await checkSync(db, client);
    if (report.mismatches.length === 0) res.json(report);
    else {
      const detail = `${report.mismatches.length} orders differ between the read model and their workflows.`;
      sendProblem(res, 409, 'out_of_sync', detail, { ...report });
    }
  });
  return router;
}
