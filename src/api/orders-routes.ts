import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Database } from '../db/database';
import { WorkflowNotFoundError } from '@temporalio/client';
import {
  findOrder,
  findShipments,
  findTimeline,
  hasTimelineEvent,
  type OrderRecord,
} from '../orders/order-read-model';
import {
  cancelOrder,
  holdOrder,
  queryOrderView,
  releaseOrder,
  sendFulfillmentEvent,
} from '../orders/order-client';
import type { EventResult } from '../workflows/order/contract';
import { HttpError } from './http-errors';
import { parseBody } from './parse-body';
import { cancelSchema, fulfillmentEventSchema, holdSchema, releaseSchema } from './request-schemas';
import { fromWorkflowError } from './temporal-errors';

export interface OrdersRoutesDeps {
  db: Database;
  client: Client;
}

/** Reading orders and changing them: warehouse events, hold, release, cancel. */
export function ordersRoutes({ db, client }: OrdersRoutesDeps): Router {
  const router = Router();

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
      const view = await queryOrderView(client, orderId);
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

  router.post('/orders/:id/events', async (req, res) => {
    const event = parseBody(req, fulfillmentEventSchema);
    const orderId = req.params.id;
    res.json(await updateOrder(orderId, event.eventId, () => sendFulfillmentEvent(client, orderId, event)));
  });

  router.post('/orders/:id/hold', async (req, res) => {
    const request = parseBody(req, holdSchema);
    const orderId = req.params.id;
    res.json(await updateOrder(orderId, request.eventId, () => holdOrder(client, orderId, request)));
  });

  router.post('/orders/:id/release', async (req, res) => {
    const request = parseBody(req, releaseSchema);
    const orderId = req.params.id;
    res.json(await updateOrder(orderId, request.eventId, () => releaseOrder(client, orderId, request)));
  });

  router.post('/orders/:id/cancel', async (req, res) => {
    const request = req.body === undefined ? cancelSchema.parse({}) : parseBody(req, cancelSchema);
    const orderId = req.params.id;
    res.json(await updateOrder(orderId, request.eventId, () => cancelOrder(client, orderId, request)));
  });

  return router;
}
