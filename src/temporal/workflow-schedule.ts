import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleOptionsAction,
} from '@temporalio/client';

export interface WorkflowScheduleOptions {
  scheduleId: string;
  workflowType: string;
  taskQueue: string;
  /** A Temporal duration such as '1 day'. */
  every: string;
  /** How late a missed run may still start (after the server was down). */
  catchupWindow: string;
}

/** Creates a Temporal Schedule that starts one workflow at an interval (never two at once), or brings an existing one up to date. */
export async function upsertWorkflowSchedule(
  client: Client,
  options: WorkflowScheduleOptions,
): Promise<string> {
  const { scheduleId } = options;
  const spec = { intervals: [{ every: options.every }] };
  const action: ScheduleOptionsAction = {
    type: 'startWorkflow',
    workflowType: options.workflowType,
    workflowId: `${scheduleId}-run`,
    taskQueue: options.taskQueue,
    args: [],
  };
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: options.catchupWindow },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action }));
  }
  return scheduleId;
}
