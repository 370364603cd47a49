import { Context } from '@temporalio/activity';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { createCustomerNoticeActivities } from '../../src/activities/customer-notices';
import { createInventoryActivities } from '../../src/activities/inventory';
import { createOrderExceptionActivities } from '../../src/activities/order-exceptions';
import { createProjectionActivities } from '../../src/activities/projection';
import { createShipmentActivities } from '../../src/activities/shipments';
import type { PollTrackingResult } from '../../src/carriers/polling/carrier-activities';
import type { OrderNotificationRequest } from '../../src/domain/order-notices';
import { createPredictionActivities } from '../../src/prediction/activities';
import { NOTIFICATIONS_TASK_QUEUE } from '../../src/temporal/task-queues';
import { ORDERS_TASK_QUEUE, orderWorkflowId } from '../../src/workflows/order/contract';
import { createTestDatabase, type TestDatabase } from './database';
import { orderWorkflowBundle, quietBundlerLogger } from './order-stack';
import { startTimeSkippingTemporal } from './temporal';
import { noticesOf } from './order-notices';

/** A carrier that knows the shipment but has no new scans; it remembers when it was asked (server time). */
export interface SilentCarrier {
  polledAt: number[];
}

export interface DeadlineStack {
  env: TestWorkflowEnvironment;
  database: TestDatabase;
  carrier: SilentCarrier;
  /** Every notice the order workflow handed to the notification service, in order. */
  /** Every notice the order workflows gave the notification service, oldest first. */
  notices(): Promise<OrderNotificationRequest[]>;
  searchAttributes(orderId: string): Promise<Record<string, unknown>>;
  openExceptions(orderId: string): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

/**
 * The order worker on the time-skipping test server, with the real inventory, shipment, read-model,
 * exception-queue and notice hand-over activities against a fresh PostgreSQL database. The carrier
 * is a silent one, so a shipment stalls; days of workflow time pass in seconds.
 */
export async function startDeadlineStack(): Promise<DeadlineStack> {
  const [env, database, workflowBundle, sinkBundle] = await Promise.all([
    startTimeSkippingTemporal(),
    createTestDatabase('ost_deadlines'),
    orderWorkflowBundle(),
    bundleWorkflowCode({
      workflowsPath: require.resolve('./workflows/notification-sink'),
      logger: quietBundlerLogger,
    }),
  ]);
  const carrier: SilentCarrier = { polledAt: [] };
  const handedOver: OrderNotificationRequest[] = [];
  const handOver = createCustomerNoticeActivities(env.client);
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
        await handOver.startCustomerNotices(batch);
      },
      async registerShipment() {},
      async pollTracking(): Promise<PollTrackingResult> {
        carrier.polledAt.push(Context.current().info.currentAttemptScheduledTimestampMs);
        return { found: true, events: [] };
      },
    },
  });
  const sink = await Worker.create({
    connection: env.nativeConnection,
    dataConverter: env.client.options.dataConverter,
    taskQueue: NOTIFICATIONS_TASK_QUEUE,
    workflowBundle: sinkBundle,
  });
  const running = Promise.all([worker.run(), sink.run()]);
  return {
    env,
    database,
    carrier,
    notices: () => noticesOf(database, handedOver),
    async searchAttributes(orderId) {
      const description = await env.client.workflow.getHandle(orderWorkflowId(orderId)).describe();
      return Object.fromEntries(
        description.typedSearchAttributes.getAll().map((pair) => [pair.key.name, pair.value]),
      );
    },
    async openExceptions(orderId) {
      const { rows } = await database.db.query(
        `SELECT stage, level, priority FROM order_exceptions
         WHERE order_id = $1 AND resolved_at IS NULL ORDER BY stage`,
        [orderId],
      );
      return rows;
    },
    async stop() {
      for (const each of [worker, sink]) if (each.getState() === 'RUNNING') each.shutdown();
      await running;
      await env.teardown();
      await database.drop();
    },
  };
}
