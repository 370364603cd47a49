import { createApp } from './api/app';
import { loadConfig } from './config';
import { openDatabase } from './db/open-database';
import { seedDemoStock } from './inventory/demo-stock';
import { createLogger } from './logger';
import { ProcessLifecycle } from './runtime/lifecycle';
import { closeServer, listen } from './runtime/listen';
import { runWorker } from './runtime/run-worker';
import { installSdkLogging } from './runtime/sdk-logging';
import { connectTemporal } from './runtime/temporal-connections';
import { startDevServer } from './temporal/dev-server';
import { ensureTemporalCli } from './temporal/install-cli';
import { createOrderWorker } from './worker/order-worker';
import { loadIntakeConfig, parseIntakeConfig } from './intake/config';
import { DEMO_INTAKE_CONFIG } from './intake/demo-config';
import { upsertReconcileSchedule } from './intake/reconcile/schedule';
import { startOrderWorkflow } from './orders/order-client';
import { ORDERS_TASK_QUEUE } from './temporal/task-queues';
import { createCarrierClients } from './tracking/carrier-clients';
import { carrierSettingsFromConfig, type CarrierSettings } from './tracking/carrier-settings';
import { startDemoCarriers } from './tracking/demo-carriers';
import { loadNotificationConfig } from './notifications/config';
import { startDemoProviders, type DemoProviders } from './notifications/demo-providers';
import { listenToInbox, pollInbox } from './notifications/inbox/feed';
import { createNotificationWorker } from './notifications/worker';

/** One command runs everything on one machine: Temporal dev server + UI, database, workers, API. */
async function main(): Promise<void> {
  const startedAt = Date.now();
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  installSdkLogging(logger);
  const lifecycle = new ProcessLifecycle(logger);

  let address = config.TEMPORAL_ADDRESS;
  if (!address) {
    ensureTemporalCli((line) => logger.info(line));
    const devServer = await startDevServer({
      dataDir: config.DATA_DIR,
      port: config.TEMPORAL_DEV_SERVER_PORT,
      uiPort: config.TEMPORAL_UI_PORT,
    });
    lifecycle.onStop(() => devServer.teardown());
    address = `127.0.0.1:${config.TEMPORAL_DEV_SERVER_PORT}`;
  }

  const { db, description } = await openDatabase(config.DATABASE_URL, config.DATA_DIR);
  lifecycle.onStop(() => db.close());
  const seeded = await seedDemoStock(db, config.DEMO_STOCK_UNITS);

  const apiUrl = `http://127.0.0.1:${config.API_PORT}`;
  let carriers: CarrierSettings;
  let carrierSimulatorUrl: string | undefined;
  if (config.FEDEX_API_URL || config.UPS_API_URL) {
    carriers = carrierSettingsFromConfig(config);
  } else {
    const demo = await startDemoCarriers(config, apiUrl);
    lifecycle.onStop(() => demo.simulator.close());
    carriers = demo.settings;
    carrierSimulatorUrl = demo.simulator.url;
  }

  let notificationEnv: NodeJS.ProcessEnv = process.env;
  let providerSimulators: DemoProviders['urls'] | undefined;
  if (!process.env.SENDGRID_API_URL) {
    const demo = await startDemoProviders(apiUrl, 4020);
    lifecycle.onStop(() => demo.close());
    notificationEnv = { ...process.env, ...demo.env };
    providerSimulators = demo.urls;
  }
  const notificationConfig = loadNotificationConfig(notificationEnv);

  const temporal = await connectTemporal(address, config.TEMPORAL_NAMESPACE);
  lifecycle.onStop(() => temporal.close());
  const notificationWorker = await createNotificationWorker({
    connection: temporal.nativeConnection,
    namespace: temporal.namespace,
    db,
    config: notificationConfig,
  });
  runWorker(notificationWorker, lifecycle);
  const inboxFeed = config.DATABASE_URL ? await listenToInbox(config.DATABASE_URL) : await pollInbox(db);
  lifecycle.onStop(() => inboxFeed.close());

  const intakeConfigured = Boolean(process.env.INTAKE_CONFIG_FILE || process.env.INTAKE_CONFIG_JSON);
  const intake = intakeConfigured ? loadIntakeConfig() : parseIntakeConfig(DEMO_INTAKE_CONFIG);
  const workflowSettings = { trackingPollScale: config.TRACKING_POLL_SCALE };

  const orderWorker = await createOrderWorker({
    connection: temporal.nativeConnection,
    namespace: temporal.namespace,
    db,
    client: temporal.client,
    shipping: { upsShipperId: config.UPS_SHIPPER_ID },
    carriers: createCarrierClients(carriers.api),
    reconcile: {
      startOrder: (order) => startOrderWorkflow(temporal.client, order, workflowSettings),
      config: intake,
    },
  });
  runWorker(orderWorker, lifecycle);
  await upsertReconcileSchedule(temporal.client, { taskQueue: ORDERS_TASK_QUEUE });

  const app = createApp({
    db,
    client: temporal.client,
    logger,
    bodyLimit: config.API_BODY_LIMIT,
    workflowSettings,
    carrierWebhookSecrets: carriers.webhookSecrets,
    intake,
    notifications: { config: notificationConfig, inboxFeed },
  });
  const server = await listen(app, config.API_PORT);
  lifecycle.onStop(() => closeServer(server));

  const readyInMs = Date.now() - startedAt;
  const endpoints = {
    api: `http://localhost:${config.API_PORT}`,
    temporalUi: config.TEMPORAL_ADDRESS ? undefined : `http://localhost:${config.TEMPORAL_UI_PORT}`,
    temporal: address,
    database: description,
    carrierSimulator: carrierSimulatorUrl,
    providerSimulators,
  };
  logger.info({ ...endpoints, demoStockSeeded: seeded, readyInMs }, 'ready');
  console.log(
    [
      '',
      `Order Status Tracking is running (ready in ${(readyInMs / 1000).toFixed(1)} s; Ctrl-C stops it)`,
      `  API          ${endpoints.api}`,
      ...(endpoints.temporalUi ? [`  Temporal UI  ${endpoints.temporalUi}`] : []),
      `  Temporal     ${endpoints.temporal}`,
      `  Database     ${endpoints.database}`,
      ...(providerSimulators
        ? [
            `  Messages     simulators: SendGrid ${providerSimulators.sendgrid}, Twilio ${providerSimulators.twilio}, FCM ${providerSimulators.fcm}`,
          ]
        : []),
      ...(carrierSimulatorUrl
        ? [`  Carriers     simulator at ${carrierSimulatorUrl} (FedEx, UPS, EasyPost, AfterShip)`]
        : []),
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
