import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Database } from '../db/database';
import { orderSubmissionSchema, toCanonicalOrder } from '../domain/order';
import { WorkflowNotFoundError } from '@temporalio/client';
import {
  findOrder,
  findShipments,
  findTimeline,
  hasTimelineEvent,
  type OrderRecord,
} from '../orders/order-read-model';
import { startOrderWorkflow } from '../orders/order-client';
import {
  cancelUpdate,
  fulfillmentEventUpdate,
  holdUpdate,
  orderViewQuery,
  releaseUpdate,
  type EventResult,
} from '../workflows/messages';
import { orderWorkflowId } from '../workflows/order-workflow-id';
import type { OrderWorkflowSettings } from '../workflows/order';
import { HttpError, validationError } from './http-errors';
import { parseBody } from './parse-body';
import { cancelSchema, fulfillmentEventSchema, holdSchema, releaseSchema } from './request-schemas';
import { fromWorkflowError } from './temporal-errors';

export interface RejectedOrder {
  rawBody: unknown;
  problems: { field: string; message: string }[];
}

export interface OrdersRoutesDeps {
  db: Database;
  client: Client;
  /** Keeps a rejected submission where ops can fix and replay it; returns its reference. */
  keepRejectedOrder?: (rejected: RejectedOrder) => Promise<string | undefined>;
  /** Settings every new order workflow starts with. */
  workflowSettings?: OrderWorkflowSettings;
}

export function ordersRoutes({ db, client, keepRejectedOrder, workflowSettings }: OrdersRoutesDeps): Router {
  const router = Router();

  router.post('/orders', async (req, res) => {
    if (req.body === undefined) parseBody(req, orderSubmissionSchema);
    const parsed = orderSubmissionSchema.safeParse(req.body);
    if (!parsed.success) {
      const error = validationError(parsed.error, 'The order is not valid; it was kept for review.');
      const problems = (error.details?.problems ?? []) as RejectedOrder['problems'];
      const rejectionId = await keepRejectedOrder?.({ rawBody: req.body, problems });
      throw rejectionId
        ? new HttpError(400, error.code, error.message, { ...error.details, rejectionId })
        : error;
    }
    const result = await startOrderWorkflow(client, toCanonicalOrder(parsed.data), workflowSettings);
    res
      .status(result.created ? 201 : 200)
      .location(`/orders/${encodeURIComponent(result.orderId)}`)
      .json({ ...result, outcome: result.created ? 'created' : 'duplicate' });
  });

  router.get('/orders/:id', async (req, res) => {
    const orderId = req.params.id;
    const record = await findOrder(db, orderId);
    if (record) {
      const [timeline, shipments] = await Promise.all([
        findTimeline(db, orderId),
        findShipments(db, orderId),
      ]);
      res.json({ ...record, shipments, timeline });
      return;
    }
    // Accepted but not yet projected: answer from the workflow itself rather than a false 404.
    try {
      const view = await client.workflow.getHandle(orderWorkflowId(orderId)).query(orderViewQuery);
      res.json({ ...view, projection: 'pending' });
    } catch (error) {
      throw fromWorkflowError(error, orderId);
    }
  });

  async function updateOrder(
    orderId: string,
    eventId: string,
    send: () => Promise<EventResult>,
  ): Promise<EventResult | { outcome: 'duplicate'; order: OrderRecord }> {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw fromWorkflowError(error, orderId);
      // The workflow has finished: a repeat of an applied event is still a duplicate, anything else a conflict.
      const record = await findOrder(db, orderId);
      if (!record) throw fromWorkflowError(error, orderId);
      if (await hasTimelineEvent(db, orderId, eventId)) return { outcome: 'duplicate', order: record };
      throw new HttpError(
        409,
        'order_closed',
        `Order ${orderId} is ${record.status} and accepts no more changes.`,
        {
          from: record.status,
        },
      );
    }
  }
  const handle = (orderId: string) => client.workflow.getHandle(orderWorkflowId(orderId));

  router.post('/orders/:id/events', async (req, res) => {
    const event = parseBody(req, fulfillmentEventSchema);
    const orderId = req.params.id;
    res.json(
      await updateOrder(orderId, event.eventId, () =>
        handle(orderId).executeUpdate(fulfillmentEventUpdate, { args: [event] }),
      ),
    );
  });

  router.post('/orders/:id/hold', async (req, res) => {
    const request = parseBody(req, holdSchema);
    const orderId = req.params.id;
    res.json(
      await updateOrder(orderId, request.eventId, () =>
        handle(orderId).executeUpdate(holdUpdate, { args: [request] }),
      ),
    );
  });

  router.post('/orders/:id/release', async (req, res) => {
    const request = parseBody(req, releaseSchema);
    const orderId = req.params.id;
    res.json(
      await updateOrder(orderId, request.eventId, () =>
        handle(orderId).executeUpdate(releaseUpdate, { args: [request] }),
      ),
    );
  });

  router.post('/orders/:id/cancel', async (req, res) => {
    const request = req.body === undefined ? cancelSchema.parse({}) : parseBody(req, cancelSchema);
    const orderId = req.params.id;
    res.json(
      await updateOrder(orderId, request.eventId, () =>
        handle(orderId).executeUpdate(cancelUpdate, { args: [request] }),
      ),
    );
  });

  return router;
}
