import { loadConfig } from '../config';
import { openDatabase } from '../db/open-database';
import { runProcess, type ProcessContext } from '../runtime/process';
import { runWorker } from '../runtime/run-worker';
import { installSdkLogging } from '../runtime/sdk-logging';
import { connectTemporal, temporalSettingsFromEnv } from '../runtime/temporal-connections';
import { createOrderWorker } from './order-worker';
import { bundleCacheDirIn } from '../temporal/workflow-bundles';
import { loadIntakeConfig } from '../intake/config';
import { upsertReconcileSchedule } from '../intake/reconcile/schedule';
import { upsertRetrainSchedule } from '../prediction/retrain-schedule';
import { upsertPurgeSchedule } from '../retention/schedule';
import { startOrderWorkflow } from '../orders/order-client';
import { ORDERS_TASK_QUEUE } from '../workflows/order/contract';
import { createCarrierClients } from '../carriers/config/clients';
import { carrierSettingsFromConfig } from '../carriers/config/settings';

/** The order worker as its own process (docker-compose); scale it by running more of them. */
async function start(lifecycle: ProcessContext): Promise<void> {
  const config = loadConfig();
  const { logger } = lifecycle;
  installSdkLogging(logger);
  if (!config.TEMPORAL_ADDRESS) throw new Error('TEMPORAL_ADDRESS must be set for the worker process');
  const { db } = await openDatabase(config.DATABASE_URL, config.DATA_DIR);
  lifecycle.onStop(() => db.close());
  const temporal = await connectTemporal(temporalSettingsFromEnv());
  lifecycle.onStop(() => temporal.close());
  const worker = await createOrderWorker({
    connection: temporal.nativeConnection,
    namespace: temporal.namespace,
    dataConverter: temporal.dataConverter,
    db,
    client: temporal.client,
    workflowBundleCacheDir: bundleCacheDirIn(config.DATA_DIR),
    maxCachedWorkflows: config.ORDER_WORKER_MAX_CACHED_WORKFLOWS,
    shipping: { upsShipperId: config.UPS_SHIPPER_ID },
    carriers: createCarrierClients(carrierSettingsFromConfig(config).api),
    reconcile: {
      startOrder: (order) =>
        startOrderWorkflow(temporal.client, order, {
          trackingPollScale: config.TRACKING_POLL_SCALE,
          maxTimelineEntries: config.ORDER_MAX_TIMELINE_ENTRIES,
        }),
      config: loadIntakeConfig(),
    },
  });
  runWorker(worker, lifecycle);
  await upsertReconcileSchedule(temporal.client, { taskQueue: ORDERS_TASK_QUEUE });
  await upsertRetrainSchedule(temporal.client, { taskQueue: ORDERS_TASK_QUEUE });
  await upsertPurgeSchedule(temporal.client, { taskQueue: ORDERS_TASK_QUEUE });
  logger.info('order worker running');
}

runProcess('order worker', start);
