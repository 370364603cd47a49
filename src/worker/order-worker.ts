import type { DataConverter } from '@temporalio/common';
import { Worker, type NativeConnection } from '@temporalio/worker';
import { createOrderActivities, type OrderActivityDependencies } from '../activities';
import { createReconcileActivities, type ReconcileActivityDeps } from '../intake/activities';
import { createPredictionActivities } from '../prediction/activities';
import { createRetentionActivities } from '../retention/activities';
import { loadRetentionPolicy, type RetentionPolicy } from '../retention/policy';
import { workflowCodeFor } from '../temporal/workflow-bundles';
import { workerTracingOptions } from '../observability/temporal-tracing';
import { ORDERS_TASK_QUEUE } from '../workflows/order/contract';

export interface OrderWorkerOptions extends OrderActivityDependencies {
  connection: NativeConnection;
  namespace: string;
  /** The payload encryption the service's clients use (TemporalConnections.dataConverter). */
  dataConverter: DataConverter;
  /** Prebuilt workflow bundle (tests and benchmarks share one); otherwise see workflowCodeFor. */
  workflowBundle?: { code: string };
  /** Where bundles are kept between starts when there is no built one (`npm start`: DATA_DIR). */
  workflowBundleCacheDir?: string;
  /** Channel reconciliation (the reconcileChannels workflow's activities); omitted, it cannot run here. */
  reconcile?: Omit<ReconcileActivityDeps, 'db'>;
  /** Retention periods of the scheduled purge; by default from RETENTION_*_DAYS. */
  retention?: RetentionPolicy;
  /**
   * Order workflows kept in memory (ORDER_WORKER_MAX_CACHED_WORKFLOWS). The SDK's default grows with
   * the heap limit (about 2 300 here), which with thousands of open orders costs far more memory
   * than the replay of an evicted order's short history costs time.
   */
  maxCachedWorkflows?: number;
}

export async function createOrderWorker(options: OrderWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    dataConverter: options.dataConverter,
    taskQueue: ORDERS_TASK_QUEUE,
    maxCachedWorkflows: options.maxCachedWorkflows,
    ...workerTracingOptions(),
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : await workflowCodeFor('orders', options.workflowBundleCacheDir)),
    activities: {
      ...createOrderActivities(options),
      ...createPredictionActivities({ db: options.db }),
      ...createRetentionActivities({ db: options.db, policy: options.retention ?? loadRetentionPolicy() }),
      ...(options.reconcile ? createReconcileActivities({ db: options.db, ...options.reconcile }) : {}),
    },
  });
}
