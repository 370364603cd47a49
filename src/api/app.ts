import express from 'express';
import type { Client } from '@temporalio/client';
import { createCarrierWebhookRouter, type CarrierWebhookSecrets } from '../carriers/webhooks/webhook-router';
import type { Database } from '../db/database';
import { createIntake } from '../intake/create-intake';
import { parseIntakeConfig, type IntakeConfig } from '../intake/config';
import type { Logger } from '../logger';
import type { NotificationConfig } from '../notifications/config';
import type { InboxFeed } from '../notifications/inbox/feed';
import { cancelOrderFromChannel, startOrderWorkflow } from '../orders/order-client';
import type { OrderWorkflowSettings } from '../workflows/order/contract';
import { dispatchCarrierEvents } from '../carriers/events/dispatch-to-orders';
import { carrierEventsPerOrderFromEnv } from '../carriers/events/order-event-limit';
import { mountCustomerRoutes } from './customer-routes';
import { errorHandler, notFoundRoute } from './http-errors';
import { healthRoutes } from './health-routes';
import { httpTelemetry, orderInLogContext } from '../observability/http-telemetry';
import { metricsRoutes } from '../observability/metrics-routes';
import { webhookOutcomes } from '../observability/webhook-metrics';
import { apiAccessGate, type AccessDeps } from './access-gate';
import { apiDocsRoutes } from './openapi/docs-routes';
import { inventoryRoutes } from './inventory-routes';
import { opsRoutes } from './ops';
import {
  codecCorsOriginsFromEnv,
  codecOfClient,
  TEMPORAL_CODEC_PATH,
  temporalCodecCors,
  temporalCodecRoutes,
} from './ops/temporal-codec';
import { orderSubmissionRoute } from './order-submission-route';
import { unsafeTextGuard } from './parse-body';
import { requestPathGuard } from './request-path-guard';
import type { DoorLimitsInput } from '../security/door-limits/config';
import { mountDoorLimits } from '../security/door-limits/middleware';
import { ordersRoutes } from './orders-routes';
import type { LiveStreamLimits } from '../runtime/live-streams';
import type { CustomerLinkKeys } from '../security/customer-link-keys';

export interface AppDeps {
  db: Database;
  client: Client;
  logger: Logger;
  bodyLimit?: string;
  /** Settings every new order workflow starts with. */
  workflowSettings?: OrderWorkflowSettings;
  /** Carriers with a secret get a signed webhook route. */
  carrierWebhookSecrets?: CarrierWebhookSecrets;
  /** New carrier events one order takes a minute; by default CARRIER_EVENTS_PER_ORDER_PER_MINUTE or 60. */
  carrierEventsPerOrderPerMinute?: number;
  /** Channel accounts of the governed intake; none configured still serves REST channels with keys. */
  intake?: IntakeConfig;
  /** Customer-facing notification routes: preferences, inbox + live stream, provider feedback. */
  notifications?: { config: NotificationConfig; inboxFeed: InboxFeed };
  /** Operator credentials: bootstrap token, identity provider; by default from the environment. */
  operatorAuth?: AccessDeps['operatorAuth'];
  oidcVerifier?: AccessDeps['oidcVerifier'];
  /** Keys customer links are checked with; by default CUSTOMER_LINK_KEYS / CUSTOMER_LINK_SECRET. */
  customerLinks?: CustomerLinkKeys;
  /** Caps on open event streams (status page, inbox); by default LIVE_STREAMS_*. */
  liveStreams?: LiveStreamLimits;
  /** Rate limits of the public doors; by default from DOOR_LIMITS_FILE / DOOR_LIMITS_JSON. */
  doorLimits?: DoorLimitsInput;
  /** Temporal UI origins that may call the codec endpoint; by default TEMPORAL_CODEC_CORS_ORIGINS. */
  temporalCodecOrigins?: string[];
  /** Express `trust proxy`: whose X-Forwarded-For names the client; by default TRUST_PROXY or private peers. */
  trustProxy?: string | boolean;
}

/** The service's HTTP API: one express app, every route a small router of its own. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(httpTelemetry());
  app.use(requestPathGuard);
  mountDoorLimits(app, deps);
  // The Temporal UI's preflight carries no credentials: answered before the gate.
  app.use(
    TEMPORAL_CODEC_PATH,
    temporalCodecCors(deps.temporalCodecOrigins ?? codecCorsOriginsFromEnv(process.env)),
  );
  app.use(apiAccessGate(deps));
  mountApiRoutes(app, deps);
  return app;
}

/** Every router of the API, mounted after createApp's front: the access gate has opened the request's door. */
export function mountApiRoutes(app: express.Express, deps: AppDeps): void {
  const { db, client, logger } = deps;
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
        onEvents: dispatchCarrierEvents(db, client, {
          eventsPerOrderPerMinute: deps.carrierEventsPerOrderPerMinute ?? carrierEventsPerOrderFromEnv(),
        }),
        logger,
      }),
    );
  }
  mountCustomerRoutes(app, deps);
  app.use(intake.router);
  app.use(
    orderSubmissionRoute({ intake: intake.flow, ...(deps.bodyLimit ? { bodyLimit: deps.bodyLimit } : {}) }),
  );

  app.use(TEMPORAL_CODEC_PATH, express.json({ limit: '8mb' }));
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
  app.use(
    '/ops',
    temporalCodecRoutes({ codec: codecOfClient(client), namespace: () => client.options.namespace }),
  );
  app.use(notFoundRoute);
  app.use(errorHandler(logger));
}
