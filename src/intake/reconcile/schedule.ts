import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleOptionsAction,
} from '@temporalio/client';
import type { ReconcileChannelsInput } from '../workflows/reconcile-channels';

export interface ReconcileScheduleOptions {
  taskQueue: string;
  scheduleId?: string;
  /** A Temporal duration such as '10 minutes'. */
  every?: string;
  input?: ReconcileChannelsInput;
}

export const RECONCILE_SCHEDULE_ID = 'intake-reconcile-channels';

/** Creates the Temporal Schedule that runs reconcileChannels, or brings an existing one up to date. */
export async function upsertReconcileSchedule(
  client: Client,
  options: ReconcileScheduleOptions,
): Promise<string> {
  const scheduleId = options.scheduleId ?? RECONCILE_SCHEDULE_ID;
  const every = options.every ?? '10 minutes';
  const action: ScheduleOptionsAction = {
    type: 'startWorkflow',
    workflowType: 'reconcileChannels',
    workflowId: `${scheduleId}-run`,
    taskQueue: options.taskQueue,
    args: [options.input ?? {}],
  };
  try {
    await client.schedule.create({
      scheduleId,
      spec: { intervals: [{ every }] },
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(scheduleId).update((previous) => ({
      ...previous,
      spec: { intervals: [{ every }] },
      action,
    }));
  }
  return scheduleId;
}
