import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@temporalio/client';
import { bundleWorkflowCode, type Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createApp, type AppDeps } from '../../src/api/app';
import { createLogger } from '../../src/logger';
import { parseIntakeConfig, type IntakeConfigInput } from '../../src/intake/config';
import { loadNotificationConfig } from '../../src/notifications/config';
import { startDemoProviders, type DemoProviders } from '../../src/notifications/demo-providers';
import { listenToInbox, pollInbox } from '../../src/notifications/inbox/feed';
import { createNotificationWorker } from '../../src/notifications/worker';
import {
  DEFAULT_SIMULATOR_CREDENTIALS,
  startCarrierSimulator,
  type CarrierSimulator,
} from '../../src/simulators/carriers/carrier-simulator';
import { createCarrierClients } from '../../src/carriers/config/clients';
import { instrumentClient, tracingWorkflowModules } from '../../src/observability/temporal-tracing';
import { createOrderWorker } from '../../src/worker/order-worker';
import { ENCRYPTED_FAILURE_CONVERTER } from '../../src/security/payload-codec';
import type { OrderWorkflowSettings } from '../../src/workflows/order/contract';
import { createPgliteDatabase, createTestDatabase, type TestDatabase } from './database';
import { openApp } from './open-app';
import { startTemporal, testDataConverter } from './temporal';
import { TEST_OPS_TOKEN } from './ops-credentials';

/** Webhook secrets the test stack's service and carrier simulator share. */
export const TEST_WEBHOOK_SECRETS = {
  fedex: { securityToken: 'test-fedex-token' },
  ups: { clientId: 'test-ups-webhook', clientSecret: 'test-ups-webhook-secret' },
  easypost: { webhookSecret: 'test-easypost-secret' },
  aftership: { webhookSecret: 'test-aftership-secret' },
};

/** The Track Alert v1 subscription credential UPS sends back in the `credential` header of each push. */
export const TEST_UPS_TRACK_ALERT_CREDENTIAL = 'test-ups-track-alert-credential';

export interface OrderStackOptions {
  temporalArgs?: string[];
  /** Another Temporal server to run on (the benchmark's file-backed one); owned by the stack. */
  temporal?: () => Promise<TestWorkflowEnvironment>;
  database?: 'postgres' | 'pglite';
  workflowSettings?: OrderWorkflowSettings;
  /** Also run the notification worker, its routes and the SendGrid/Twilio/FCM simulators. */
  notifications?: boolean;
  /** Channel accounts the intake accepts. */
  intake?: IntakeConfigInput;
  /** Notification settings laid over the simulators' (e.g. a SendGrid webhook key the test signs with). */
  notificationEnv?: Record<string, string>;
  /** A Temporal server the caller owns (left running by stop), and the namespace this stack uses on it. */
  sharedTemporal?: { env: TestWorkflowEnvironment; namespace: string };
  /**
   * For measuring what security costs, never the service's own settings: `access: 'open'` serves the
   * API without its access gate (`openApp`), `payloads: 'plain'` sends Temporal unencrypted payloads
   * (the default data converter on client and workers, workflows bundled without the encrypted
   * failure converter). Default: gated and encrypted, as the service runs.
   */
  security?: { access?: 'gated' | 'open'; payloads?: 'encrypted' | 'plain' };
}

export interface OrderStack {
  env: TestWorkflowEnvironment;
  /** The stack's Temporal client: its namespace and data converter. */
  client: Client;
  carriers: CarrierSimulator;
  /** The provider simulators, when started with notifications. */
  providers?: DemoProviders;
  database: TestDatabase;
  worker: Worker;
  baseUrl: string;
  stop(): Promise<void>;
}

/** For bundleWorkflowCode: only errors. */
export const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => console.error(message),
};

const bundles = new Map<string, Promise<{ code: string }>>();
/**
 * Bundled once per process; with tracing started, with the tracing interceptors (another bundle);
 * for plain payloads, without the encrypted failure converter (another bundle).
 */
function bundleOnce(workflowsPath: string, plainPayloads = false): Promise<{ code: string }> {
  const workflowInterceptorModules = tracingWorkflowModules();
  const key = [workflowsPath, plainPayloads, ...workflowInterceptorModules].join('|');
  if (!bundles.has(key)) {
    bundles.set(
      key,
      bundleWorkflowCode({
        workflowsPath,
        workflowInterceptorModules,
        ...(plainPayloads ? {} : { failureConverterPath: ENCRYPTED_FAILURE_CONVERTER }),
        logger: quietBundlerLogger,
      }),
    );
  }
  return bundles.get(key)!;
}

/** The order workflow bundle, built once per process. */
export const orderWorkflowBundle = (plainPayloads = false) =>
  bundleOnce(require.resolve('../../src/workflows'), plainPayloads);

/** The stack's client: the environment's own, or one for another namespace or without encryption. */
function stackClient(env: TestWorkflowEnvironment, options: OrderStackOptions): Client {
  const plainPayloads = options.security?.payloads === 'plain';
  if (!options.sharedTemporal && !plainPayloads) return env.client;
  return new Client({
    connection: env.connection,
    namespace: options.sharedTemporal?.namespace ?? env.namespace ?? 'default',
    ...(plainPayloads ? {} : { dataConverter: testDataConverter }),
  });
}

/**
 * The service as it runs, on real parts: a Temporal dev server, a fresh PostgreSQL database (or
 * PGlite), the order worker, the HTTP API on a real port with the carrier webhooks, and the carrier
 * simulator pushing to it; optionally the notification service with its provider simulators.
 */
export async function startOrderStack(options: OrderStackOptions = {}): Promise<OrderStack> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stops: (() => Promise<unknown>)[] = [
    () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  ];

  const plainPayloads = options.security?.payloads === 'plain';
  const [env, database, workflowBundle, carriers] = await Promise.all([
    options.sharedTemporal
      ? options.sharedTemporal.env
      : options.temporal
        ? options.temporal()
        : startTemporal(options.temporalArgs),
    options.database === 'pglite' ? createPgliteDatabase() : createTestDatabase(),
    orderWorkflowBundle(plainPayloads),
    startCarrierSimulator({
      host: '127.0.0.1',
      webhookSecrets: TEST_WEBHOOK_SECRETS,
      webhookTargetUrl: baseUrl,
      minStepGapMs: 1000,
    }),
  ]);
  const temporalClient = stackClient(env, options);
  const client = instrumentClient(temporalClient);
  const namespace = temporalClient.options.namespace;
  const dataConverter = temporalClient.options.dataConverter;
  const runWorker = (worker: Worker) => {
    const running = worker.run();
    stops.unshift(async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    });
  };

  const worker = await createOrderWorker({
    connection: env.nativeConnection,
    namespace,
    dataConverter,
    db: database.db,
    client,
    shipping: { upsShipperId: '8V92A7' },
    carriers: createCarrierClients({
      fedex: {
        baseUrl: carriers.url,
        ...DEFAULT_SIMULATOR_CREDENTIALS.fedex,
        shipmentRegistrationUrl: `${carriers.url}/simulator/shipments`,
      },
      ups: {
        baseUrl: carriers.url,
        ...DEFAULT_SIMULATOR_CREDENTIALS.ups,
        transactionSrc: 'tests',
        webhookDestination: { url: `${baseUrl}/webhooks/ups`, credential: TEST_UPS_TRACK_ALERT_CREDENTIAL },
      },
    }),
    workflowBundle,
  });
  runWorker(worker);

  let notifications: AppDeps['notifications'];
  let providers: DemoProviders | undefined;
  if (options.notifications) {
    providers = await startDemoProviders(baseUrl);
    const config = loadNotificationConfig({
      ...providers.env,
      NOTIFY_PROVIDER_TIMEOUT_MS: '1000',
      ...options.notificationEnv,
    });
    runWorker(
      await createNotificationWorker({
        connection: env.nativeConnection,
        namespace,
        dataConverter,
        db: database.db,
        config,
        workflowBundle: await bundleOnce(require.resolve('../../src/notifications/workflows'), plainPayloads),
      }),
    );
    const inboxFeed =
      options.database === 'pglite' ? await pollInbox(database.db) : await listenToInbox(database.url);
    notifications = { config, inboxFeed };
    stops.push(
      () => inboxFeed.close(),
      () => providers!.close(),
    );
  }
  if (!options.sharedTemporal) stops.push(() => env.teardown());
  stops.push(
    () => carriers.close(),
    () => database.drop(),
  );

  const appDeps: AppDeps = {
    db: database.db,
    client,
    logger: createLogger('silent'),
    carrierWebhookSecrets: {
      ...TEST_WEBHOOK_SECRETS,
      ups: { credential: TEST_UPS_TRACK_ALERT_CREDENTIAL, oauth: TEST_WEBHOOK_SECRETS.ups },
    },
    notifications,
    intake: parseIntakeConfig(options.intake ?? {}),
    workflowSettings: options.workflowSettings,
    operatorAuth: { bootstrapToken: TEST_OPS_TOKEN },
  };
  server.on('request', options.security?.access === 'open' ? openApp(appDeps) : createApp(appDeps));
  return {
    env,
    client: temporalClient,
    carriers,
    providers,
    database,
    worker,
    baseUrl,
    async stop() {
      for (const stop of stops) await stop();
    },
  };
}
