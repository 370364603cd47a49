import { NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import pino from 'pino';
import type { Database } from '../db/database';
import { migrate } from '../db/migrate';
import { connectPostgres } from '../db/postgres';
import { NOTIFICATIONS_TASK_QUEUE } from '../temporal/task-queues';
import { createNotificationActivities } from './activities';
import { loadNotificationConfig, type NotificationConfig } from './config';
import type { Providers } from './providers/types';

export interface NotificationWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  db: Database;
  config: NotificationConfig;
  taskQueue?: string;
  providers?: Providers;
  /** A prebuilt bundle of ./workflows (tests build it once); otherwise bundled at start. */
  workflowBundle?: WorkflowBundle;
}

/** The notification worker: the notifyCustomer and redeliverNotification workflows and their activities. */
export async function createNotificationWorker(options: NotificationWorkerOptions): Promise<Worker> {
  const activities = createNotificationActivities({
    db: options.db,
    config: options.config,
    providers: options.providers,
  });
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? NOTIFICATIONS_TASK_QUEUE,
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: require.resolve('./workflows') }),
    activities,
    maxConcurrentActivityTaskExecutions: options.config.worker.maxConcurrentDeliveries,
    maxConcurrentLocalActivityExecutions: options.config.worker.maxConcurrentDeliveries,
    maxConcurrentWorkflowTaskExecutions: options.config.worker.maxConcurrentWorkflowTasks,
  });
}

/** Runs the notification worker as its own process: `tsx src/notifications/worker.ts`. */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const logger = pino({ name: 'notification-worker' });
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL must point at the PostgreSQL database');
  const config = loadNotificationConfig(env);
  const db = connectPostgres(databaseUrl);
  await migrate(db);
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
  const worker = await createNotificationWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    db,
    config,
  });
  const stop = () => worker.shutdown();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  logger.info({ taskQueue: NOTIFICATIONS_TASK_QUEUE }, 'notification worker running');
  try {
    await worker.run();
  } finally {
    await connection.close();
    await db.close();
    logger.info('notification worker stopped');
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
