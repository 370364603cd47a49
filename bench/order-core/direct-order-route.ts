import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import express from 'express';
import { orderSubmissionSchema, toCanonicalOrder } from '../../src/domain/order';
import { startOrderWorkflow } from '../../src/orders/order-client';

/**
 * `POST /orders` as a route that only validates the canonical order and starts it through the order
 * client, with no access gate and no intake admission (key, profile, staleness, bulkhead, source
 * record, dead letters): the service's own route measured against it shows what those cost.
 */
export async function startDirectOrderRoute(
  client: Client,
): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.use(express.json({ limit: '256kb' }));
  app.post('/orders', (req, res, next) => {
    const parsed = orderSubmissionSchema.safeParse(req.body);
    if (!parsed.success) return void res.status(400).json({ errors: parsed.error.issues });
    startOrderWorkflow(client, toCanonicalOrder(parsed.data))
      .then((started) => res.status(started.created ? 201 : 200).json(started))
      .catch(next);
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
