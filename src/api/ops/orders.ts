import { Router } from 'express';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { RECOVERY_ACTIONS } from '../../domain/promise/delivery-recovery';
import { checkSync } from '../../orders/sync-check';
import {
  applyRecommendedRecovery,
  findRecoveryOptions,
  type RecoveryDeps,
  type RecoveryLookup,
} from '../../orders/order-recovery';
import { LatestModelPredictor } from '../../prediction/latest-model-predictor';
import { HttpError } from '../http-errors';
import { parseBody } from '../parse-body';
import { sendProblem } from '../problem';
import { fromWorkflowError } from '../temporal-errors';
import { operatorOf } from '../../security/principal';

export const recoveryRequestSchema = z.object({
  eventId: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  action: z.enum(RECOVERY_ACTIONS),
  /** Which recommended upgrade or reship, when more than one service is recommended. */
  service: z.string().trim().min(1).max(100).optional(),
  actor: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(200)
    .default('ops')
    .meta({ description: 'Ignored: the action is recorded with the authenticated operator.' }),
});

function lookupError(lookup: Exclude<RecoveryLookup, { found: 'options' }>, orderId: string): HttpError {
  if (lookup.found === 'order_not_found')
    return new HttpError(404, 'order_not_found', `No order ${orderId}.`);
  return new HttpError(
    409,
    'no_delivery_forecast',
    `Order ${orderId} is ${lookup.status} and has no delivery forecast to recover from.`,
    { orderStatus: lookup.status },
  );
}

/**
 * GET /ops/sync-check: read model vs workflow state for every order; 200 in sync, 409 with the mismatches.
 * GET /ops/orders/:id/recovery: what ops can do for an order at risk, each with its predicted effect.
 * POST /ops/orders/:id/recovery: applies one of those through the order's applyRecovery update.
 */
export function orderOpsRoutes({
  db,
  client,
  predictor = new LatestModelPredictor(db),
}: {
  db: Database;
  client: Client;
  predictor?: RecoveryDeps['predictor'];
}): Router {
  const router = Router();
  const recovery: RecoveryDeps = { db, client, predictor };
  router.get('/sync-check', async (_req, res) => {
    const report = await checkSync(db, client);
    if (report.mismatches.length === 0) res.json(report);
    else {
      const detail = `${report.mismatches.length} orders differ between the read model and their workflows.`;
      sendProblem(res, 409, 'out_of_sync', detail, { ...report });
    }
  });

  router.get('/orders/:id/recovery', async (req, res) => {
    const orderId = req.params.id;
    const lookup = await findRecoveryOptions(recovery, orderId).catch((error: unknown) => {
      throw fromWorkflowError(error, orderId);
    });
    if (lookup.found !== 'options') throw lookupError(lookup, orderId);
    res.json(lookup.options);
  });

  router.post('/orders/:id/recovery', async (req, res) => {
    const choice = { ...parseBody(req, recoveryRequestSchema), actor: operatorOf(req)?.id ?? 'ops' };
    const orderId = req.params.id;
    const outcome = await applyRecommendedRecovery(recovery, orderId, choice).catch((error: unknown) => {
      throw fromWorkflowError(error, orderId);
    });
    if ('lookup' in outcome) throw lookupError(outcome.lookup, orderId);
    if (!outcome.applied) {
      const offered = outcome.notRecommended.map((action) =>
        action.service ? `${action.action} (${action.service})` : action.action,
      );
      throw new HttpError(
        409,
        'recovery_not_recommended',
        `${choice.action}${choice.service ? ` with ${choice.service}` : ''} is not recommended for order ${orderId}; recommended: ${offered.join(', ')}.`,
        { recommended: outcome.notRecommended },
      );
    }
    res.json({ outcome: outcome.result.outcome, applied: outcome.recommended, order: outcome.result.order });
  });
  return router;
}
