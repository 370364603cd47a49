import type { Client } from '@temporalio/client';
import { upsertWorkflowSchedule } from '../temporal/workflow-schedule';

export const RETRAIN_SCHEDULE_ID = 'prediction-retrain-delivery-model';

export interface RetrainScheduleOptions {
  taskQueue: string;
  scheduleId?: string;
  /** A Temporal duration such as '1 day'. */
  every?: string;
}

/** Creates the Temporal Schedule that runs retrainDeliveryModel, or brings an existing one up to date. */
export function upsertRetrainSchedule(client: Client, options: RetrainScheduleOptions): Promise<string> {
  return upsertWorkflowSchedule(client, {
    scheduleId: options.scheduleId ?? RETRAIN_SCHEDULE_ID,
    workflowType: 'retrainDeliveryModel',
    taskQueue: options.taskQueue,
    every: options.every ?? '1 day',
    catchupWindow: '1 hour',
  });
}
