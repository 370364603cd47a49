import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { bundleWorkflowCode, type Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createApp } from '../../src/api/app';
import { createLogger } from '../../src/logger';
import { createOrderWorker } from '../../src/worker/order-worker';
import {
  DEFAULT_SIMULATOR_CREDENTIALS,
  startCarrierSimulator,
  type CarrierSimulator,
} from '../../src/simulators/carriers/carrier-simulator';
import { createCarrierClients } from '../../src/tracking/carrier-clients';
import { createCarrierWebhookRouter } from '../../src/carriers/webhooks/webhook-router';
import { routeTrackingEvents } from '../../src/tracking/tracking-event-router';
import type { OrderWorkflowSettings } from '../../src/workflows/order';
import { startTemporal } from './temporal';
import { createPgliteDatabase, createTestDatabase, type TestDatabase } from './database';

/** Webhook secrets the test stack's service and carrier simulator share. */
export const TEST_WEBHOOK_SECRETS = {
  fedex: { securityToken: 'test-fedex-token' },
  ups: { clientId: 'test-ups-webhook', clientSecret: 'test-ups-webhook-secret' },
  easypost: { webhookSecret: 'test-easypost-secret' },
  aftership: { webhookSecret: 'test-aftership-secret' },
};

export interface OrderStack {
  env: TestWorkflowEnvironment;
  carriers: CarrierSimulator;
  database: TestDatabase;
  worker: Worker;
  baseUrl: string;
  stop(): Promise<void>;
}

let bundle: Promise<{ code: string }> | undefined;
/** The workflow bundle, built once per process. */
export function orderWorkflowBundle(): Promise<{ code: string }> {
  bundle ??= bundleWorkflowCode({
    workflowsPath: require.resolve('../../src/workflows'),
    logger: quietLogger,
  });
  return bundle;
}
const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => console.error(message),
};

/** Real Temporal dev server + fresh PostgreSQL database + order worker + the HTTP API on a real port. */
export async function startOrderStack(
  options: {
    temporalArgs?: string[];
    /** Another Temporal server to run on (the benchmark's file-backed one); owned by the stack. */
    temporal?: () => Promise<TestWorkflowEnvironment>;
    database?: 'postgres' | 'pglite';
    workflowSettings?: OrderWorkflowSettings;
  } = {},
): Promise<OrderStack> {
  const [env, database, workflowBundle, carriers] = await Promise.all([
    options.temporal ? options.temporal() : startTemporal(options.temporalArgs),
    options.database === 'pglite' ? createPgliteDatabase() : createTestDatabase(),
    orderWorkflowBundle(),
    startCarrierSimulator({ host: '127.0.0.1', webhookSecrets: TEST_WEBHOOK_SECRETS, minStepGapMs: 1000 }),
  ]);
  const carrierClients = createCarrierClients({
    fedex: {
      baseUrl: carriers.url,
      ...DEFAULT_SIMULATOR_CREDENTIALS.fedex,
      shipmentRegistrationUrl: `${carriers.url}/simulator/shipments`,
    },
    ups: { baseUrl: carriers.url, ...DEFAULT_SIMULATOR_CREDENTIALS.ups, transactionSrc: 'tests' },
  });
  const worker = await createOrderWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    db: database.db,
    shipping: { upsShipperId: '8V92A7' },
    carriers: carrierClients,
    workflowBundle,
  });
  const running = worker.run();
  const webhooks = createCarrierWebhookRouter({
    secrets: TEST_WEBHOOK_SECRETS,
    onEvents: routeTrackingEvents(database.db, env.client),
  });
  const app = createApp({
    db: database.db,
    client: env.client,
    logger: createLogger('silent'),
    rawBodyRouters: [webhooks],
    workflowSettings: options.workflowSettings,
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  carriers.setWebhookTarget(`http://127.0.0.1:${port}`);
  return {
    env,
    carriers,
    database,
    worker,
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      worker.shutdown();
      await running;
      await env.teardown();
      await carriers.close();
      await database.drop();
    },
  };
}
