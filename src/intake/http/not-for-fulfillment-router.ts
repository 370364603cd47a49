import express, { type Router } from 'express';
import { z } from 'zod';
import type { Queryable } from '../../db/database';
import { listNotForFulfillment } from '../not-for-fulfillment';

const listQuery = z.object({
  channel: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** GET /not-for-fulfillment: channel orders acknowledged but shipped by someone else, newest first. */
export function notForFulfillmentRouter(db: Queryable): Router {
  const router = express.Router();
  router.get('/not-for-fulfillment', async (req, res) => {
    const query = listQuery.safeParse(req.query);
    if (!query.success) {
      res.status(400).json({
        error: 'Bad query.',
        problems: query.error.issues.map((issue) => ({
          field: `query.${issue.path.map(String).join('.')}`,
          message: issue.message,
        })),
      });
      return;
    }
    res.json({ orders: await listNotForFulfillment(db, query.data) });
  });
  return router;
}
