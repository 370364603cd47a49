import type { Client } from '@temporalio/client';
import { Router, type Request } from 'express';
import type { Database } from '../../db/database';
import type { IntakeFlow } from '../../intake/http/intake-router';
import { exceptionOpsRoutes } from './exceptions';
import { intakeOpsRoutes } from './intake';
import { notificationOpsRoutes } from './notifications';
import { orderOpsRoutes } from './orders';
import { serviceTokenRoutes } from './service-tokens';
import { trackingOpsRoutes } from './tracking';
import { operatorOf } from '../../security/principal';
import type { OpsPrincipal } from './ops-principal';

export interface OpsDeps {
  db: Database;
  client: Client;
  intake: IntakeFlow;
  /** Notification ops routes are served when the notification service is. */
  notifications: boolean;
}

/**
 * Every ops route, by audience, mounted at /ops: orders (/sync-check, /exceptions, /orders/:id/recovery), intake (/intake/…), notifications
 * (/notifications/…) and carrier tracking (/tracking/…). The stores they read stay in their domains.
 */
/** The operator the access gate admitted, as the intake's audit trail names them. */
export function gateOperator(req: Request): OpsPrincipal | undefined {
  const principal = operatorOf(req);
  return principal && { actor: principal.id, scopes: principal.scopes };
}

export function opsRoutes(deps: OpsDeps): Router {
  const router = Router();
  router.use(orderOpsRoutes(deps));
  router.use(exceptionOpsRoutes(deps));
  router.use('/intake', intakeOpsRoutes({ flow: deps.intake, principalOf: gateOperator }));
  if (deps.notifications) router.use(notificationOpsRoutes({ db: deps.db, temporal: deps.client }));
  router.use(trackingOpsRoutes(deps));
  router.use(serviceTokenRoutes(deps));
  return router;
}
