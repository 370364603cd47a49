import express from 'express';
import type { Client } from '@temporalio/client';
import { createCarrierWebhookRouter, type CarrierWebhookSecrets } from '../carriers/webhooks/webhook-router';
import type { Database } from '../db/database';
import { createIntake } from '../intake/create-intake';
import { parseIntakeConfig, type IntakeConfig } from '../intake/config';
import type { Logger } from '../logger';
import type { NotificationConfig } from '../notifications/config';
import type { InboxFeed } from '../notifications/inbox/feed';
import { createNotificationRouter } from '../notifications/routers';
import { cancelOrderFromChannel, startOrderWorkflow } from '../orders/order-client';
import type { OrderWorkflowSettings } from '../workflows/order/contract';
import { dispatchCarrierEvents } from '../carriers/events/dispatch-to-orders';
import { statusPageRoutes } from '../status-page/routes';
import { errorHandler, notFoundRoute } from './http-errors';
import { healthRoutes } from './health-routes';
import { httpTelemetry, orderInLogContext } from '../observability/http-telemetry';
import { metricsRoutes } from '../observability/metrics-routes';
import { webhookOutcomes } from '../observability/webhook-metrics';
import { apiDocsRoutes } from './openapi/docs-routes';
import { inventoryRoutes } from './inventory-routes';
import { opsRoutes } from './ops';
import { orderSubmissionRoute } from './order-submission-route';
import { unsafeTextGuard } from './parse-body';
import { ordersRoutes } from './orders-routes';

export interface AppDeps {
  db: Database;
  client: Client;
  logger: Logger;
  bodyLimit?: string;
  /** Settings every new order workflow starts with. */
  workflowSettings?: OrderWorkflowSettings;
  /** Carriers with a secret get a signed webhook route. */
  carrierWebhookSecrets?: CarrierWebhookSecrets;
  /** Channel accounts of the governed intake; none configured still serves REST channels with keys. */
  intake?: IntakeConfig;
  /** Customer-facing notification routes: preferences, inbox + live stream, provider feedback. */
  notifications?: { config: NotificationConfig; inboxFeed: InboxFeed };
}

/** The service's HTTP API: one express app, every route a small router of its own. */
export function createApp(deps: AppDeps): express.Express {
  const { db, client, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  app.use(httpTelemetry());
  app.use(['/orders/:orderId', '/track/:orderId', '/notifications/orders/:orderId'], orderInLogContext());
  app.use('/webhooks', webhookOutcomes());
  app.use(metricsRoutes(db));

  const intake = createIntake({
    db,
    logger,
    config: deps.intake ?? parseIntakeConfig({}),
    startOrder: (order) => startOrderWorkflow(client, order, deps.workflowSettings),
    cancelOrder: async (orderId, reason) => {
      const outcome = await cancelOrderFromChannel(client, orderId, reason);
      if (outcome === 'refused')
        logger.warn({ orderId, reason }, 'channel cancellation refused by the lifecycle');
    },
  });

  // Routers that verify signatures over the raw body come before any JSON parsing.
  if (deps.carrierWebhookSecrets) {
    app.use(
      createCarrierWebhookRouter({
        secrets: deps.carrierWebhookSecrets,
        onEvents: dispatchCarrierEvents(db, client),
        logger,
      }),
    );
  }
  if (deps.notifications) {
    const { config, inboxFeed } = deps.notifications;
    app.use(createNotificationRouter({ db, config, inboxFeed }));
    app.use(statusPageRoutes({ db, inboxFeed, brandName: config.brand.name }));
  }
  app.use(intake.router);
  app.use(
    orderSubmissionRoute({ intake: intake.flow, ...(deps.bodyLimit ? { bodyLimit: deps.bodyLimit } : {}) }),
  );

  app.use(express.json({ limit: deps.bodyLimit ?? '256kb' }));
  app.use(unsafeTextGuard);
  app.use(healthRoutes(deps));
  app.use(apiDocsRoutes());
  app.use(ordersRoutes(deps));
  app.use(inventoryRoutes(deps));
  app.use(
    '/ops',
    opsRoutes({ db, client, intake: intake.flow, notifications: deps.notifications !== undefined }),
  );
  app.use(notFoundRoute);
  app.use(errorHandler(logger));
  return app;
}
