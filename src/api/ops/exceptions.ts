import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { listOpenExceptions } from '../../orders/order-exceptions';
import { listProjectionFailures } from '../../orders/projection-failures';
import { safeText } from '../../validation/safe-text';
import { validationError } from '../http-errors';

const limit = z.coerce
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(500)
  .default(100);

export const exceptionsQuery = z.object({ limit });
export const projectionFailuresQuery = z.object({ limit, orderId: safeText(300).optional() });

/**
 * GET /ops/exceptions: the open order exceptions (missed stage deadlines, stalled shipments), most
 * urgent first: priority, then the order's value, its lateness and the customer's tier.
 * GET /ops/projection-failures: read-model writes PostgreSQL refused for their data, newest first.
 */
export function exceptionOpsRoutes({ db }: { db: Database }): Router {
  const router = Router();
  router.get('/exceptions', async (req, res) => {
    const parsed = exceptionsQuery.safeParse(req.query);
    if (!parsed.success) throw validationError(parsed.error, 'The query is not valid.');
    res.json({ exceptions: await listOpenExceptions(db, parsed.data.limit) });
  });
  router.get('/projection-failures', async (req, res) => {
    const parsed = projectionFailuresQuery.safeParse(req.query);
    if (!parsed.success) throw validationError(parsed.error, 'The query is not valid.');
    res.json({ failures: await listProjectionFailures(db, parsed.data) });
  });
  return router;
}
