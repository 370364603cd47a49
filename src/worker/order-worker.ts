import { Worker, type NativeConnection } from '@temporalio/worker';
import { createOrderActivities, type OrderActivityDependencies } from '../activities';
import { createReconcileActivities, type ReconcileActivityDeps } from '../intake/activities';
import { createPredictionActivities } from '../prediction/activities';
import { ORDERS_TASK_QUEUE } from '../workflows/order/contract';

export interface OrderWorkerOptions extends OrderActivityDependencies {
  connection: NativeConnection;
  namespace: string;
  /** Prebuilt workflow bundle (tests and benchmarks share one); otherwise bundled from source. */
  workflowBundle?: { code: string };
  /** Channel reconciliation (the reconcileChannels workflow's activities); omitted, it cannot run here. */
  reconcile?: Omit<ReconcileActivityDeps, 'db'>;
}

export async function createOrderWorker(options: OrderWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: ORDERS_TASK_QUEUE,
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: require.resolve('../workflows') }),
    activities: {
      ...createOrderActivities(options),
      ...createPredictionActivities({ db: options.db }),
      ...(options.reconcile ? createReconcileActivities({ db: options.db, ...options.reconcile }) : {}),
    },
  });
}
