import express from 'express';
import { apiAccessGate } from '../../src/api/access-gate';
import { errorHandler, notFoundRoute } from '../../src/api/http-errors';
import { requestPathGuard } from '../../src/api/request-path-guard';
import type { Database } from '../../src/db/database';
import { createLogger } from '../../src/logger';
import { TEST_OPS_TOKEN } from './ops-credentials';

export interface GatedApp {
  app: express.Express;
  /** Mount after the routers: unknown routes and thrown errors answered as the API answers them. */
  finish(): void;
}

/**
 * An app for a harness that mounts some of the service's routers: they sit behind the service's own
 * front (the path guard, then the access gate over the route catalogue, with the test stacks' admin
 * token), so operator routes need a token with their scope and channel routes a channel key.
 */
export function gatedApp(db: Database): GatedApp {
  const logger = createLogger('silent');
  const app = express();
  app.disable('x-powered-by');
  app.use(requestPathGuard);
  app.use(apiAccessGate({ db, logger, operatorAuth: { bootstrapToken: TEST_OPS_TOKEN } }));
  return {
    app,
    finish() {
      app.use(notFoundRoute);
      app.use(errorHandler(logger));
    },
  };
}
