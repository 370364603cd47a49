import type { Client } from '@temporalio/client';
import { upsertWorkflowSchedule } from '../temporal/workflow-schedule';

export const PURGE_SCHEDULE_ID = 'retention-purge-expired-records';

export interface PurgeScheduleOptions {
  taskQueue: string;
  scheduleId?: string;
  /** A Temporal duration such as '1 day'. */
  every?: string;
}

/** Creates the Temporal Schedule that runs the retention purge, or brings an existing one up to date. */
export function upsertPurgeSchedule(client: Client, options: PurgeScheduleOptions): Promise<string> {
  return upsertWorkflowSchedule(client, {
    scheduleId: options.scheduleId ?? PURGE_SCHEDULE_ID,
    workflowType: 'purgeExpiredRecordsWorkflow',
    taskQueue: options.taskQueue,
    every: options.every ?? '1 day',
    catchupWindow: '1 day',
  });
}
