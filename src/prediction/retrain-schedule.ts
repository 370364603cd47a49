import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleOptionsAction,
} from '@temporalio/client';

export const RETRAIN_SCHEDULE_ID = 'prediction-retrain-delivery-model';

export interface RetrainScheduleOptions {
  taskQueue: string;
  scheduleId?: string;
  /** A Temporal duration such as '1 day'. */
  every?: string;
}

/** Creates the Temporal Schedule that runs retrainDeliveryModel, or brings an existing one up to date. */
export async function upsertRetrainSchedule(
  client: Client,
  options: RetrainScheduleOptions,
): Promise<string> {
  const scheduleId = options.scheduleId ?? RETRAIN_SCHEDULE_ID;
  const spec = { intervals: [{ every: options.every ?? '1 day' }] };
  const action: ScheduleOptionsAction = {
    type: 'startWorkflow',
    workflowType: 'retrainDeliveryModel',
    workflowId: `${scheduleId}-run`,
    taskQueue: options.taskQueue,
    args: [],
  };
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action }));
  }
  return scheduleId;
}
