import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import { sendProblem } from '../problem';
import type { Database } from '../../db/database';
import { NOTIFICATIONS_TASK_QUEUE } from '../../temporal/task-queues';
import {
  beginReplay,
  getDeadLetter,
  listDeadLetters,
  reopenDeadLetter,
} from '../../notifications/sending/dead-letters';
import { listDeliveries } from '../../notifications/sending/records';
import { parseOr400 } from '../../notifications/http/validation';
import {
  REDELIVER_NOTIFICATION_WORKFLOW,
  redeliveryWorkflowId,
  type RedeliveryInput,
} from '../../notifications/workflows/messages';

export const listQuery = z.object({ status: z.enum(['open', 'replaying', 'resolved']).optional() });
export const deliveriesQuery = z
  .object({ orderId: z.string().min(1).optional(), customerId: z.string().min(1).optional() })
  .refine((q) => q.orderId || q.customerId, { message: 'give orderId or customerId', path: ['orderId'] });
export const idParam = z.coerce.number().int().positive('must be a dead-letter id');

/**
 * Ops view of notification delivery, mounted under /ops: GET /ops/notifications/dead-letters[?status=open],
 * GET /ops/notifications/dead-letters/:id, POST /ops/notifications/dead-letters/:id/replay (202,
 * starts a redelivery workflow), GET /ops/notifications/deliveries?orderId=|customerId=.
 */
export function notificationOpsRoutes(deps: { db: Database; temporal: Client; taskQueue?: string }): Router {
  const router = Router();

  router.get('/notifications/dead-letters', async (req, res) => {
    const query = parseOr400(listQuery, req.query, res);
    if (!query) return;
    res.json({ deadLetters: await listDeadLetters(deps.db, query.status) });
  });

  router.get('/notifications/dead-letters/:id', async (req, res) => {
    const id = parseOr400(idParam, req.params.id, res);
    if (id === undefined) return;
    const deadLetter = await getDeadLetter(deps.db, id);
    if (!deadLetter) sendProblem(res, 404, 'not_found', `No dead letter ${id}.`);
    else res.json(deadLetter);
  });

  router.post('/notifications/dead-letters/:id/replay', async (req, res) => {
    const id = parseOr400(idParam, req.params.id, res);
    if (id === undefined) return;
    const existing = await getDeadLetter(deps.db, id);
    if (!existing) {
      sendProblem(res, 404, 'not_found', `No dead letter ${id}.`);
      return;
    }
    const deadLetter = await beginReplay(deps.db, id);
    if (!deadLetter) {
      sendProblem(res, 409, 'not_open', `Dead letter ${id} is ${existing.status}, not open.`);
      return;
    }
    const workflowId = redeliveryWorkflowId(id, deadLetter.replay_count);
    const input: RedeliveryInput = {
      deadLetterId: id,
      request: deadLetter.request,
      channel: deadLetter.channel,
    };
    try {
      await deps.temporal.workflow.start(REDELIVER_NOTIFICATION_WORKFLOW, {
        taskQueue: deps.taskQueue ?? NOTIFICATIONS_TASK_QUEUE,
        workflowId,
        args: [input],
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) {
        await reopenDeadLetter(deps.db, id);
        throw error;
      }
    }
    res.status(202).json({ id, workflowId, status: 'replaying' });
  });

  router.get('/notifications/deliveries', async (req, res) => {
    const query = parseOr400(deliveriesQuery, req.query, res);
    if (!query) return;
    res.json({ deliveries: await listDeliveries(deps.db, query) });
  });

  return router;
}
