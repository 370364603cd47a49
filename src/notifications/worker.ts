import type { DataConverter } from '@temporalio/common';
import { Client } from '@temporalio/client';
import { NativeConnection, Runtime, Worker, type WorkflowBundle } from '@temporalio/worker';
import type { Database } from '../db/database';
import { migrate } from '../db/migrate';
import { runProcess, type ProcessContext } from '../runtime/process';
import { runWorker } from '../runtime/run-worker';
import { installSdkLogging } from '../runtime/sdk-logging';
import {
  nativeConnectionOptions,
  temporalDataConverter,
  temporalSettingsFromEnv,
} from '../runtime/temporal-connections';
import { connectPostgres } from '../db/postgres';
import { NOTIFICATIONS_TASK_QUEUE } from '../temporal/task-queues';
import { bundleCacheDirIn, workflowCodeFor } from '../temporal/workflow-bundles';
import { workerTracingOptions } from '../observability/temporal-tracing';
import { createNotificationActivities } from './activities';
import { startOutboxDrainer } from './outbox/drainer';
import { retryingSend } from './outbox/retrying-send';
import { deliverNoticesNow, type DeliverNowDeps } from './sending/deliver-now';
import { startNoticeWorkflow } from './sending/hand-over';
import { loadNotificationConfig, type NotificationConfig } from './config';
import type { Providers } from './providers/types';

// Notices one worker has in hand at once (each may wait a few seconds between sends of a message).
const OUTBOX_BATCH = 64;

export interface NotificationWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  /** The payload encryption the service's clients use (TemporalConnections.dataConverter). */
  dataConverter: DataConverter;
  db: Database;
  config: NotificationConfig;
  taskQueue?: string;
  providers?: Providers;
  /** A prebuilt bundle of ./workflows (tests build it once); otherwise see workflowCodeFor. */
  workflowBundle?: WorkflowBundle;
  /** Where bundles are kept between starts when there is no built one (`npm start`: DATA_DIR). */
  workflowBundleCacheDir?: string;
}

/** The notification worker: the notifyCustomer and redeliverNotification workflows and their activities. */
export async function createNotificationWorker(options: NotificationWorkerOptions): Promise<Worker> {
  const activities = createNotificationActivities({
    db: options.db,
    config: options.config,
    providers: options.providers,
  });
  const worker = await Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    dataConverter: options.dataConverter,
    taskQueue: options.taskQueue ?? NOTIFICATIONS_TASK_QUEUE,
    ...workerTracingOptions(),
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : await workflowCodeFor('notifications', options.workflowBundleCacheDir)),
    activities,
    maxConcurrentActivityTaskExecutions: options.config.worker.maxConcurrentDeliveries,
    maxConcurrentLocalActivityExecutions: options.config.worker.maxConcurrentDeliveries,
    maxConcurrentWorkflowTaskExecutions: options.config.worker.maxConcurrentWorkflowTasks,
    maxCachedWorkflows: options.config.worker.maxCachedWorkflows,
  });
  drainNoticeOutbox(options, worker);
  return worker;
}

/** While the worker runs, it also sends the notices order projections put in the outbox. */
function drainNoticeOutbox(options: NotificationWorkerOptions, worker: Worker): void {
  const client = new Client({
    connection: options.connection,
    namespace: options.namespace,
    dataConverter: options.dataConverter,
  });
  const activities = createNotificationActivities({
    db: options.db,
    config: options.config,
    providers: options.providers,
  });
  const delivery: DeliverNowDeps = {
    db: options.db,
    send: retryingSend((input) => activities.deliverNotification(input)),
    handOver: (request) => startNoticeWorkflow(client, request),
    now: () => new Date(),
  };
  startOutboxDrainer({
    db: options.db,
    deliver: (notice) => deliverNoticesNow(delivery, [notice]),
    batchSize: OUTBOX_BATCH,
    running: () => ['INITIALIZED', 'RUNNING'].includes(worker.getState()),
    onError: (error) =>
      Runtime.instance().logger.warn('notice from the outbox not delivered yet', { error: String(error) }),
  });
}

/** Runs the notification worker as its own process: `tsx src/notifications/worker.ts`. */
async function start(context: ProcessContext, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL must point at the PostgreSQL database');
  const config = loadNotificationConfig(env);
  installSdkLogging(context.logger);
  const db = connectPostgres(databaseUrl);
  context.onStop(() => db.close());
  await migrate(db);
  const temporal = temporalSettingsFromEnv(env, '127.0.0.1:7233');
  const connection = await NativeConnection.connect(nativeConnectionOptions(temporal));
  context.onStop(() => connection.close());
  const worker = await createNotificationWorker({
    connection,
    namespace: temporal.namespace,
    dataConverter: temporalDataConverter(temporal),
    db,
    config,
    workflowBundleCacheDir: bundleCacheDirIn(env.DATA_DIR ?? 'data'),
  });
  runWorker(worker, context);
  context.logger.info({ taskQueue: NOTIFICATIONS_TASK_QUEUE }, 'notification worker running');
}

if (require.main === module) runProcess('notification worker', (context) => start(context));
