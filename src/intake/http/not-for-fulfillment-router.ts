import express, { type Router } from 'express';
import { z } from 'zod';
import { sendProblem } from '../../api/problem';
import type { Queryable } from '../../db/database';
import { fieldProblemsFrom } from '../../validation/field-problems';
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
      sendProblem(res, 400, 'validation_failed', 'Bad query.', {
        errors: fieldProblemsFrom(query.error, { prefix: 'query.', whole: 'query' }),
      });
      return;
    }
    res.json({ orders: await listNotForFulfillment(db, query.data) });
  });
  return router;
}
