import { createApp } from './api/app';
import { loadConfig, type Config } from './config';
import { openDatabase } from './db/open-database';
import { seedDemoStock } from './inventory/demo-stock';
import { assertPortsFree } from './runtime/port-preflight';
import { runProcess, type ProcessContext } from './runtime/process';
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
import { upsertRetrainSchedule } from './prediction/retrain-schedule';
import { startOrderWorkflow } from './orders/order-client';
import { ORDERS_TASK_QUEUE } from './workflows/order/contract';
import { createCarrierClients } from './carriers/config/clients';
import { carrierSettingsFromConfig, type CarrierSettings } from './carriers/config/settings';
import { startDemoCarriers } from './carriers/config/demo';
import { loadNotificationConfig } from './notifications/config';
import { startDemoProviders, type DemoProviders } from './notifications/demo-providers';
import { listenToInbox, pollInbox } from './notifications/inbox/feed';
import { createNotificationWorker } from './notifications/worker';
import { printReady } from './ready-banner';
import { runsCarrierSimulator, startupPorts } from './startup-ports';

async function startTemporal(config: Config, context: ProcessContext): Promise<string> {
  if (config.TEMPORAL_ADDRESS) return config.TEMPORAL_ADDRESS;
  ensureTemporalCli((line) => context.logger.info(line));
  const devServer = await startDevServer({
    dataDir: config.DATA_DIR,
    port: config.TEMPORAL_DEV_SERVER_PORT,
    uiPort: config.TEMPORAL_UI_PORT,
  });
  context.onStop(() => devServer.teardown());
  return `127.0.0.1:${config.TEMPORAL_DEV_SERVER_PORT}`;
}

async function startCarriers(
  config: Config,
  apiUrl: string,
  context: ProcessContext,
): Promise<{ settings: CarrierSettings; simulatorUrl?: string }> {
  if (!runsCarrierSimulator(config)) return { settings: carrierSettingsFromConfig(config) };
  const demo = await startDemoCarriers(config, apiUrl);
  context.onStop(() => demo.simulator.close());
  return { settings: demo.settings, simulatorUrl: demo.simulator.url };
}

async function startProviders(config: Config, apiUrl: string, context: ProcessContext) {
  const demo: DemoProviders = await startDemoProviders(apiUrl, {
    env: process.env,
    ports: { sendgrid: config.SENDGRID_SIM_PORT, twilio: config.TWILIO_SIM_PORT, fcm: config.FCM_SIM_PORT },
  });
  context.onStop(() => demo.close());
  return { config: loadNotificationConfig(demo.env), simulators: demo.urls };
}

/** One command runs everything on one machine: Temporal dev server + UI, database, workers, API. */
async function start(context: ProcessContext): Promise<void> {
  const startedAt = Date.now();
  const config = loadConfig();
  installSdkLogging(context.logger);
  await assertPortsFree(startupPorts(config, process.env));

  const address = await startTemporal(config, context);
  const { db, description } = await openDatabase(config.DATABASE_URL, config.DATA_DIR);
  context.onStop(() => db.close());
  const seeded = await seedDemoStock(db, config.DEMO_STOCK_UNITS);

  const apiUrl = `http://127.0.0.1:${config.API_PORT}`;
  const carriers = await startCarriers(config, apiUrl, context);
  const notifications = await startProviders(config, apiUrl, context);

  const temporal = await connectTemporal(address, config.TEMPORAL_NAMESPACE);
  context.onStop(() => temporal.close());
  const worker = { connection: temporal.nativeConnection, namespace: temporal.namespace, db };
  runWorker(await createNotificationWorker({ ...worker, config: notifications.config }), context);
  const inboxFeed = config.DATABASE_URL ? await listenToInbox(config.DATABASE_URL) : await pollInbox(db);
  context.onStop(() => inboxFeed.close());

  const intakeConfigured = Boolean(process.env.INTAKE_CONFIG_FILE || process.env.INTAKE_CONFIG_JSON);
  const intake = intakeConfigured ? loadIntakeConfig() : parseIntakeConfig(DEMO_INTAKE_CONFIG);
  const workflowSettings = { trackingPollScale: config.TRACKING_POLL_SCALE };
  const orderWorker = await createOrderWorker({
    ...worker,
    client: temporal.client,
    shipping: { upsShipperId: config.UPS_SHIPPER_ID },
    carriers: createCarrierClients(carriers.settings.api),
    reconcile: {
      startOrder: (order) => startOrderWorkflow(temporal.client, order, workflowSettings),
      config: intake,
    },
  });
  runWorker(orderWorker, context);
  await upsertReconcileSchedule(temporal.client, { taskQueue: ORDERS_TASK_QUEUE });
  await upsertRetrainSchedule(temporal.client, { taskQueue: ORDERS_TASK_QUEUE });

  const app = createApp({
    db,
    client: temporal.client,
    logger: context.logger,
    bodyLimit: config.API_BODY_LIMIT,
    workflowSettings,
    carrierWebhookSecrets: carriers.settings.webhookSecrets,
    intake,
    notifications: { config: notifications.config, inboxFeed },
  });
  const server = await listen(app, config.API_PORT);
  context.onStop(() => closeServer(server));

  printReady(context.logger, {
    readyInMs: Date.now() - startedAt,
    api: `http://localhost:${config.API_PORT}`,
    temporalUi: config.TEMPORAL_ADDRESS ? undefined : `http://localhost:${config.TEMPORAL_UI_PORT}`,
    temporal: address,
    database: description,
    carrierSimulator: carriers.simulatorUrl,
    providerSimulators: notifications.simulators,
    demoStockSeeded: seeded,
  });
}

runProcess('npm start', start);
