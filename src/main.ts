import { createApp, type AppDeps } from './api/app';
import { loadConfig, type Config } from './config';
import type { Database } from './db/database';
import { openDatabase } from './db/open-database';
import { connectPostgres } from './db/postgres';
import { seedDemoStock } from './inventory/demo-stock';
import { assertPortsFree } from './runtime/port-preflight';
import { runProcess, type ProcessContext } from './runtime/process';
import { closeServer, listen } from './runtime/listen';
import { runWorker } from './runtime/run-worker';
import { installSdkLogging } from './runtime/sdk-logging';
import {
  connectTemporal,
  temporalSettingsFromEnv,
  type TemporalConnections,
} from './runtime/temporal-connections';
import { startDevServer } from './temporal/dev-server';
import { bundleCacheDirIn } from './temporal/workflow-bundles';
import { ensureTemporalCli } from './temporal/install-cli';
import { createOrderWorker } from './worker/order-worker';
import { loadIntakeConfig, parseIntakeConfig, type IntakeConfig } from './intake/config';
import { DEMO_INTAKE_CONFIG } from './intake/demo-config';
import { upsertReconcileSchedule } from './intake/reconcile/schedule';
import { upsertRetrainSchedule } from './prediction/retrain-schedule';
import { upsertPurgeSchedule } from './retention/schedule';
import { startOrderWorkflow } from './orders/order-client';
import { ORDERS_TASK_QUEUE, type OrderWorkflowSettings } from './workflows/order/contract';
import { createCarrierClients } from './carriers/config/clients';
import {
  carrierSettingsFromConfig,
  type CarrierApiSettings,
  type CarrierSettings,
} from './carriers/config/settings';
import { startDemoCarriers } from './carriers/config/demo';
import { loadNotificationConfig, type NotificationConfig } from './notifications/config';
import { startDemoProviders, type DemoProviders } from './notifications/demo-providers';
import { listenToInbox, pollInbox, type InboxFeed } from './notifications/inbox/feed';
import { createNotificationWorker } from './notifications/worker';
import { localOperatorAuth } from './security/local-bootstrap';
import { printReady } from './ready-banner';
import { startLocalCodecServer } from './api/local-codec-server';
import { codecOfClient, TEMPORAL_CODEC_PATH } from './api/ops/temporal-codec';
import { demoSecretsInUse } from './runtime/production-secrets';
import { runsCarrierSimulator, startupPorts } from './startup-ports';

async function startTemporal(config: Config, context: ProcessContext): Promise<string> {
  if (config.TEMPORAL_ADDRESS) return config.TEMPORAL_ADDRESS;
  ensureTemporalCli((line) => context.logger.info(line));
  const devServer = await startDevServer({
    dataDir: config.DATA_DIR,
    port: config.TEMPORAL_DEV_SERVER_PORT,
    uiPort: config.TEMPORAL_UI_PORT,
    uiCodecEndpoint: `http://127.0.0.1:${config.TEMPORAL_CODEC_PORT}${TEMPORAL_CODEC_PATH}`,
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

/** The dev server's UI shows payloads decrypted through a codec endpoint of its own (it has no sign-in). */
async function startUiCodec(config: Config, context: ProcessContext, temporal: TemporalConnections) {
  if (config.TEMPORAL_ADDRESS) return;
  const ui = config.TEMPORAL_UI_PORT;
  const server = await startLocalCodecServer({
    port: config.TEMPORAL_CODEC_PORT,
    codec: codecOfClient(temporal.client),
    namespace: temporal.namespace,
    uiOrigins: [`http://localhost:${ui}`, `http://127.0.0.1:${ui}`],
    logger: context.logger,
  });
  context.onStop(() => server.close());
}

/** What the workers and the API are wired from once Temporal and the database are up. */
interface RunningBase {
  config: Config;
  context: ProcessContext;
  db: Database;
  temporal: TemporalConnections;
}

interface OrderSide extends RunningBase {
  intake: IntakeConfig;
  workflowSettings: OrderWorkflowSettings;
}

async function openSeededDatabase(config: Config, context: ProcessContext) {
  const { db, description } = await openDatabase(config.DATABASE_URL, config.DATA_DIR);
  context.onStop(() => db.close());
  const seeded = await seedDemoStock(db, config.DEMO_STOCK_UNITS);
  return { db, description, seeded };
}

function workerConnection({ temporal, db, config }: RunningBase) {
  return {
    connection: temporal.nativeConnection,
    namespace: temporal.namespace,
    dataConverter: temporal.dataConverter,
    db,
    workflowBundleCacheDir: bundleCacheDirIn(config.DATA_DIR),
  };
}

/**
 * Runs the notification worker; returns the feed that tells in-app clients of new inbox messages.
 * On PostgreSQL it has a connection pool of its own, as it has in its own process: a burst of
 * messages then queues for its own connections, not in front of the order projections' writes.
 */
async function startNotificationWorker(base: RunningBase, config: NotificationConfig): Promise<InboxFeed> {
  const db = base.config.DATABASE_URL ? connectPostgres(base.config.DATABASE_URL) : base.db;
  if (db !== base.db) base.context.onStop(() => db.close());
  runWorker(await createNotificationWorker({ ...workerConnection(base), db, config }), base.context);
  const inboxFeed = base.config.DATABASE_URL
    ? await listenToInbox(base.config.DATABASE_URL)
    : await pollInbox(base.db);
  base.context.onStop(() => inboxFeed.close());
  return inboxFeed;
}

/** The configured sales channel accounts, or the demo ones when none are configured. */
function intakeConfigForStart(): IntakeConfig {
  const configured = Boolean(process.env.INTAKE_CONFIG_FILE || process.env.INTAKE_CONFIG_JSON);
  return configured ? loadIntakeConfig() : parseIntakeConfig(DEMO_INTAKE_CONFIG);
}

/** Runs the order worker and keeps its Temporal Schedules (channel reconciliation, model retraining). */
async function startOrderWorker(side: OrderSide, carrierApi: CarrierApiSettings): Promise<void> {
  const { client } = side.temporal;
  const orderWorker = await createOrderWorker({
    ...workerConnection(side),
    client,
    maxCachedWorkflows: side.config.ORDER_WORKER_MAX_CACHED_WORKFLOWS,
    shipping: { upsShipperId: side.config.UPS_SHIPPER_ID },
    carriers: createCarrierClients(carrierApi),
    reconcile: {
      startOrder: (order) => startOrderWorkflow(client, order, side.workflowSettings),
      config: side.intake,
    },
  });
  runWorker(orderWorker, side.context);
  await upsertReconcileSchedule(client, { taskQueue: ORDERS_TASK_QUEUE });
  await upsertRetrainSchedule(client, { taskQueue: ORDERS_TASK_QUEUE });
  await upsertPurgeSchedule(client, { taskQueue: ORDERS_TASK_QUEUE });
}

async function startApi(
  side: OrderSide,
  extras: Pick<AppDeps, 'carrierWebhookSecrets' | 'notifications' | 'operatorAuth'>,
): Promise<void> {
  const app = createApp({
    db: side.db,
    client: side.temporal.client,
    logger: side.context.logger,
    bodyLimit: side.config.API_BODY_LIMIT,
    workflowSettings: side.workflowSettings,
    intake: side.intake,
    ...extras,
  });
  const server = await listen(app, side.config.API_PORT);
  side.context.onStop(() => closeServer(server));
}

/** One command runs everything on one machine: Temporal dev server + UI, database, workers, API. */
async function start(context: ProcessContext): Promise<void> {
  const startedAt = Date.now();
  const config = loadConfig();
  installSdkLogging(context.logger);
  await assertPortsFree(startupPorts(config, process.env));

  const address = await startTemporal(config, context);
  const database = await openSeededDatabase(config, context);
  const apiUrl = `http://127.0.0.1:${config.API_PORT}`;
  const carriers = await startCarriers(config, apiUrl, context);
  const notifications = await startProviders(config, apiUrl, context);

  const temporal = await connectTemporal(temporalSettingsFromEnv(process.env, address));
  context.onStop(() => temporal.close());
  await startUiCodec(config, context, temporal);
  const base: RunningBase = { config, context, db: database.db, temporal };
  const inboxFeed = await startNotificationWorker(base, notifications.config);
  const workflowSettings = {
    trackingPollScale: config.TRACKING_POLL_SCALE,
    maxTimelineEntries: config.ORDER_MAX_TIMELINE_ENTRIES,
  };
  const side: OrderSide = { ...base, intake: intakeConfigForStart(), workflowSettings };
  await startOrderWorker(side, carriers.settings.api);
  const operatorAuth = localOperatorAuth();
  await startApi(side, {
    operatorAuth: operatorAuth.settings,
    carrierWebhookSecrets: carriers.settings.webhookSecrets,
    notifications: { config: notifications.config, inboxFeed },
  });

  printReady(context.logger, {
    readyInMs: Date.now() - startedAt,
    api: `http://localhost:${config.API_PORT}`,
    temporalUi: config.TEMPORAL_ADDRESS ? undefined : `http://localhost:${config.TEMPORAL_UI_PORT}`,
    temporal: address,
    database: database.description,
    carrierSimulator: carriers.simulatorUrl,
    providerSimulators: notifications.simulators,
    demoStockSeeded: database.seeded,
    demoSecrets: demoSecretsInUse(process.env),
    opsToken: { token: operatorAuth.bootstrapToken, generated: operatorAuth.generated },
  });
}

runProcess('npm start', start);
