import express, { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Database } from '../db/database';
import { orderSubmissionSchema, toCanonicalOrder } from '../domain/order';
import { recordRejectedOrder } from '../intake/dead-letters/record-rejected';
import { startOrderWorkflow } from '../orders/order-client';
import type { OrderWorkflowSettings } from '../workflows/order/contract';
import { fieldProblemsFrom, type FieldProblem } from '../validation/field-problems';
import { HttpError } from './http-errors';

export interface OrderSubmissionDeps {
  db: Database;
  client: Client;
  bodyLimit?: string;
  /** Settings every new order workflow starts with. */
  workflowSettings?: OrderWorkflowSettings;
}

/**
 * POST /orders: a canonical order from a custom channel. It reads the raw body itself, so that a
 * submission that is not JSON or not valid is kept as it came (a dead letter ops can fix and replay)
 * and the caller is told which fields are wrong and why.
 */
export function orderSubmissionRoute({
  db,
  client,
  bodyLimit,
  workflowSettings,
}: OrderSubmissionDeps): Router {
  const router = Router();
  const rawBody = express.raw({ type: () => true, limit: bodyLimit ?? '256kb' });

  router.post('/orders', rawBody, async (req, res) => {
    if (!req.is('application/json')) {
      throw new HttpError(415, 'unsupported_media_type', 'Send the order as application/json.');
    }
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const reject = async (code: string, message: string, problems: FieldProblem[]) => {
      const { deadLetterId } = await recordRejectedOrder(db, { rawBody: raw, errors: problems });
      return new HttpError(400, code, `${message} It was kept for review as dead letter ${deadLetterId}.`, {
        errors: problems,
        deadLetterId,
      });
    };

    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw await reject('malformed_json', `The body is not valid JSON: ${reason}.`, [
        { field: '(body)', message: `not valid JSON: ${reason}` },
      ]);
    }
    const parsed = orderSubmissionSchema.safeParse(body);
    if (!parsed.success) {
      throw await reject('validation_failed', 'The order is not valid.', fieldProblemsFrom(parsed.error));
    }
    const result = await startOrderWorkflow(client, toCanonicalOrder(parsed.data), workflowSettings);
    res
      .status(result.created ? 201 : 200)
      .location(`/orders/${encodeURIComponent(result.orderId)}`)
      .json({ ...result, outcome: result.created ? 'created' : 'duplicate' });
  });
  return router;
}
