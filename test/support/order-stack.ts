import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { bundleWorkflowCode, type Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createApp } from '../../src/api/app';
import { createLogger } from '../../src/logger';
import { createOrderWorker } from '../../src/worker/order-worker';
import { startTemporal } from './temporal';
import { createPgliteDatabase, createTestDatabase, type TestDatabase } from './database';

export interface OrderStack {
  env: TestWorkflowEnvironment;
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
  options: { temporalArgs?: string[]; database?: 'postgres' | 'pglite' } = {},
): Promise<OrderStack> {
  const [env, database, workflowBundle] = await Promise.all([
    startTemporal(options.temporalArgs),
    options.database === 'pglite' ? createPgliteDatabase() : createTestDatabase(),
    orderWorkflowBundle(),
  ]);
  const worker = await createOrderWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    db: database.db,
    shipping: { upsShipperId: '8V92A7' },
    workflowBundle,
  });
  const running = worker.run();
  const app = createApp({ db: database.db, client: env.client, logger: createLogger('silent') });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    env,
    database,
    worker,
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      worker.shutdown();
      await running;
      await env.teardown();
      await database.drop();
    },
  };
}
