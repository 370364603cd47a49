import express, { type Router } from 'express';
import {
  createIntakeFlow,
  createIntakeRouter,
  type IntakeFlow,
  type IntakeOptions,
} from './http/intake-router';
import { notForFulfillmentRouter } from './http/not-for-fulfillment-router';
import { createIntakeOpsRouter } from './http/ops-router';

/** Everything the API process mounts: the channel routes and the ops routes, sharing one flow. */
export function createIntake(options: IntakeOptions): {
  flow: IntakeFlow;
  router: Router;
  opsRouter: Router;
} {
  const flow = createIntakeFlow(options);
  const opsRouter = express.Router();
  opsRouter.use(createIntakeOpsRouter({ flow }), notForFulfillmentRouter(flow.deps.db));
  return { flow, router: createIntakeRouter({ flow }), opsRouter };
}
