import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type LogLevel } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createApp } from './api/app';
import { loadConfig } from './config';
import { openDatabase } from './db/open-database';
import { seedDemoStock } from './inventory/demo-stock';
import { createLogger } from './logger';
import { ensureTemporalCli } from './temporal/install-cli';
import { startDevServer } from './temporal/dev-server';
import { createOrderWorker } from './worker/order-worker';

/** One command runs everything on one machine: Temporal dev server + UI, database, worker, API. */
async function main(): Promise<void> {
  const startedAt = Date.now();
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const sdkLogger = logger.child({ component: 'temporal-sdk' });
  Runtime.install({
    logger: new DefaultLogger('WARN', ({ level, message, meta }) => {
      const method =
        ({ WARN: 'warn', ERROR: 'error' } as Partial<Record<LogLevel, 'warn' | 'error'>>)[level] ?? 'info';
      sdkLogger[method](meta ?? {}, message);
    }),
  });
  const stops: (() => Promise<unknown>)[] = [];

  let devServer: TestWorkflowEnvironment | undefined;
  let address = config.TEMPORAL_ADDRESS;
  if (!address) {
    ensureTemporalCli((line) => logger.info(line));
    devServer = await startDevServer({
      dataDir: config.DATA_DIR,
      port: config.TEMPORAL_DEV_SERVER_PORT,
      uiPort: config.TEMPORAL_UI_PORT,
    });
    stops.push(() => devServer!.teardown());
    address = `127.0.0.1:${config.TEMPORAL_DEV_SERVER_PORT}`;
  }

  const { db, description } = await openDatabase(config.DATABASE_URL, config.DATA_DIR);
  stops.unshift(() => db.close());
  const seeded = await seedDemoStock(db, config.DEMO_STOCK_UNITS);

  const nativeConnection = await NativeConnection.connect({ address });
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const worker = await createOrderWorker({
    connection: nativeConnection,
    namespace: config.TEMPORAL_NAMESPACE,
    db,
    shipping: { upsShipperId: config.UPS_SHIPPER_ID },
  });
  const workerRun = worker.run();
  stops.unshift(async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await workerRun;
    await nativeConnection.close();
    await connection.close();
  });

  const app = createApp({ db, client, logger, bodyLimit: config.API_BODY_LIMIT });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(config.API_PORT, () => resolve(listening));
  });
  stops.unshift(() => new Promise((resolve) => server.close(resolve)));

  const endpoints = {
    api: `http://localhost:${config.API_PORT}`,
    temporalUi: devServer ? `http://localhost:${config.TEMPORAL_UI_PORT}` : undefined,
    temporal: address,
    database: description,
  };
  logger.info({ ...endpoints, demoStockSeeded: seeded, readyInMs: Date.now() - startedAt }, 'ready');
  console.log(
    [
      '',
      `Order Status Tracking is running (ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s; Ctrl-C stops it)`,
      `  API          ${endpoints.api}`,
      ...(endpoints.temporalUi ? [`  Temporal UI  ${endpoints.temporalUi}`] : []),
      `  Temporal     ${endpoints.temporal}`,
      `  Database     ${endpoints.database}`,
      '',
    ].join('\n'),
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    for (const stop of stops) {
      await stop().catch((error: unknown) => logger.warn({ err: error }, 'error while stopping'));
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
