import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleOptionsAction,
} from '@temporalio/client';

export const PURGE_SCHEDULE_ID = 'retention-purge-expired-records';

export interface PurgeScheduleOptions {
  taskQueue: string;
  scheduleId?: string;
  /** A Temporal duration such as '1 day'. */
  every?: string;
}

/** Creates the Temporal Schedule that runs the retention purge, or brings an existing one up to date. */
export async function upsertPurgeSchedule(client: Client, options: PurgeScheduleOptions): Promise<string> {
  const scheduleId = options.scheduleId ?? PURGE_SCHEDULE_ID;
  const spec = { intervals: [{ every: options.every ?? '1 day' }] };
  const action: ScheduleOptionsAction = {
    type: 'startWorkflow',
    workflowType: 'purgeExpiredRecordsWorkflow',
    workflowId: `${scheduleId}-run`,
    taskQueue: options.taskQueue,
    args: [],
  };
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action }));
  }
  return scheduleId;
}
