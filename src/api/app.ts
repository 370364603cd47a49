import express, { type Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import { errorHandler, notFoundRoute } from './http-errors';
import { healthRoutes } from './health-routes';
import { inventoryRoutes } from './inventory-routes';
import { opsRoutes } from './ops-routes';
import { ordersRoutes, type OrdersRoutesDeps } from './orders-routes';

export interface AppDeps {
  db: Database;
  client: Client;
  logger: Logger;
  bodyLimit?: string;
  keepRejectedOrder?: OrdersRoutesDeps['keepRejectedOrder'];
  workflowSettings?: OrdersRoutesDeps['workflowSettings'];
  /** Routers that read their own raw bodies (signed webhooks); mounted before JSON parsing. */
  rawBodyRouters?: Router[];
  /** Further JSON routers (ops, notifications). */
  routers?: Router[];
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  for (const router of deps.rawBodyRouters ?? []) app.use(router);
  app.use(express.json({ limit: deps.bodyLimit ?? '256kb' }));
  app.use(healthRoutes(deps));
  app.use(ordersRoutes(deps));
  app.use(inventoryRoutes(deps));
  app.use(opsRoutes(deps));
  for (const router of deps.routers ?? []) app.use(router);
  app.use(notFoundRoute);
  app.use(errorHandler(deps.logger));
  return app;
}
