import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { listOpenExceptions } from '../../orders/order-exceptions';
import { validationError } from '../http-errors';

export const exceptionsQuery = z.object({
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(500).default(100),
});

/**
 * GET /ops/exceptions: the open order exceptions (missed stage deadlines, stalled shipments), most
 * urgent first: priority, then the order's value, its lateness and the customer's tier.
 */
export function exceptionOpsRoutes({ db }: { db: Database }): Router {
  const router = Router();
  router.get('/exceptions', async (req, res) => {
    const parsed = exceptionsQuery.safeParse(req.query);
    if (!parsed.success) throw validationError(parsed.error, 'The query is not valid.');
    res.json({ exceptions: await listOpenExceptions(db, parsed.data.limit) });
  });
  return router;
}
