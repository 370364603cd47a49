import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createInventoryActivities } from '../../src/activities/inventory';
import { createOrderExceptionActivities } from '../../src/activities/order-exceptions';
import { createProjectionActivities } from '../../src/activities/projection';
import { createShipmentActivities } from '../../src/activities/shipments';
import type { OrderNotificationRequest } from '../../src/domain/order-notices';
import { createPredictionActivities } from '../../src/prediction/activities';
import { recordDeliveredShipments } from '../../src/prediction/history/history-store';
import { addDays, importSource } from '../../src/prediction/history/shipment-history';
import { retrainFromHistory } from '../../src/prediction/retrain';
import { ORDERS_TASK_QUEUE } from '../../src/workflows/order/contract';
import { createTestDatabase, type TestDatabase } from './database';
import { orderWorkflowBundle } from './order-stack';
import { startTimeSkippingTemporal } from './temporal';
import { noticesOf } from './order-notices';

/** Delivered minus promised days of a made-up lane: mostly on time, a quarter one or two days late. */
const RESIDUALS = [-3, -2, -1, 0, 0, 0, 1, 2];

/**
 * A small made-up history for one lane (UPS, the given service, to `country`), trained into a model:
 * 160 shipments over 2025, a quarter of them late by a day or two.
 */
export async function trainMadeUpModel(database: TestDatabase, service: string, country = 'US') {
  const records = Array.from({ length: 160 }, (_, index) => {
    const promisedDate = addDays('2025-01-06', Math.floor(index * 2.2));
    const deliveredOn = addDays(promisedDate, RESIDUALS[index % RESIDUALS.length]!);
    return {
      naturalKey: `made-up:${index}`,
      source: importSource('made-up'),
      carrier: 'ups',
      service,
      deliveryTerms: null,
      originRegion: null,
      destinationRegion: country,
      promisedDate,
      shippedAt: `${addDays(promisedDate, -5)}T15:00:00Z`,
      deliveredAt: `${deliveredOn}T14:00:00Z`,
      weightKg: 1,
      stageTimings: {},
    };
  });
  await recordDeliveredShipments(database.db, records);
  return retrainFromHistory(database.db);
}

export interface ForecastStack {
  env: TestWorkflowEnvironment;
  database: TestDatabase;
  /** Every notice the order workflows gave the notification service, oldest first. */
  notices(): Promise<OrderNotificationRequest[]>;
  stop(): Promise<void>;
}

/**
 * The order worker on the time-skipping test server with the real inventory, shipment, read-model,
 * exception and prediction activities; the carrier has nothing to add to the scans the test sends,
 * and notices are only collected.
 */
export async function startForecastStack(): Promise<ForecastStack> {
  const [env, database, workflowBundle] = await Promise.all([
    startTimeSkippingTemporal(),
    createTestDatabase('ost_forecast'),
    orderWorkflowBundle(),
  ]);
  const handedOver: OrderNotificationRequest[] = [];
  const worker = await Worker.create({
    connection: env.nativeConnection,
    dataConverter: env.client.options.dataConverter,
    taskQueue: ORDERS_TASK_QUEUE,
    workflowBundle,
    activities: {
      ...createInventoryActivities(database.db),
      ...createShipmentActivities(database.db, { upsShipperId: '8V92A7' }),
      ...createProjectionActivities(database.db),
      ...createOrderExceptionActivities(database.db),
      ...createPredictionActivities({ db: database.db }),
      async startCustomerNotices(batch: OrderNotificationRequest[]) {
        handedOver.push(...batch);
      },
      async registerShipment() {},
      async pollTracking() {
        return { found: true, events: [] };
      },
    },
  });
  const running = worker.run();
  return {
    env,
    database,
    notices: () => noticesOf(database, handedOver),
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
      await database.drop();
    },
  };
}
