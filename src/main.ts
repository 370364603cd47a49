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

  const temporal = await connectTemporal(address, config.TEMPORAL_NAMESPACE);
  lifecycle.onStop(() => temporal.close());
  const orderWorker = await createOrderWorker({
    connection: temporal.nativeConnection,
    namespace: temporal.namespace,
    db,
    shipping: { upsShipperId: config.UPS_SHIPPER_ID },
  });
  runWorker(orderWorker, lifecycle);

  const app = createApp({ db, client: temporal.client, logger, bodyLimit: config.API_BODY_LIMIT });
  const server = await listen(app, config.API_PORT);
  lifecycle.onStop(() => closeServer(server));

  const readyInMs = Date.now() - startedAt;
  const endpoints = {
    api: `http://localhost:${config.API_PORT}`,
    temporalUi: config.TEMPORAL_ADDRESS ? undefined : `http://localhost:${config.TEMPORAL_UI_PORT}`,
    temporal: address,
    database: description,
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
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
