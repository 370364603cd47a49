import type { Client } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { summarize, type LatencySummary } from './stats';

const { EventType } = temporal.api.enums.v1;

/** One request that signals a workflow that ended in a read-model write: when it was sent and when that write committed. */
export interface PathSample {
  workflowId: string;
  sentAt: number;
  committedAt: number;
}

/** Where the time from a request to its read-model commit goes, read from the workflows' histories. */
export interface PathBreakdown {
  /** Request sent → the signal recorded by the server: the service's own handling. */
  toServer: LatencySummary;
  /** Recorded → the workflow task that applies it started on a worker: server and task queue wait. */
  toTask: LatencySummary;
  /** Task started → the read model's commit: the worker's activation and the projection. */
  toCommit: LatencySummary;
  samples: number;
}

/**
 * For each sample, the first signal the server recorded at or after it was sent, and the
 * first workflow task started after that. Both clocks are this machine's.
 */
export async function signalPathBreakdown(client: Client, samples: PathSample[]): Promise<PathBreakdown> {
  const byWorkflow = new Map<string, PathSample[]>();
  for (const sample of samples)
    byWorkflow.set(sample.workflowId, [...(byWorkflow.get(sample.workflowId) ?? []), sample]);
  const toServer: number[] = [];
  const toTask: number[] = [];
  const toCommit: number[] = [];
  for (const [workflowId, ofWorkflow] of byWorkflow) {
    const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
    const timed = events.map((event) => ({ type: event.eventType ?? 0, at: tsToMs(event.eventTime) }));
    for (const sample of ofWorkflow) {
      const message = timed.findIndex(
        (event) =>
          event.type === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED && event.at >= sample.sentAt - 1,
      );
      if (message < 0) continue;
      const task = timed.findIndex(
        (event, index) => index > message && event.type === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
      );
      if (task < 0) continue;
      toServer.push(timed[message]!.at - sample.sentAt);
      toTask.push(timed[task]!.at - timed[message]!.at);
      toCommit.push(sample.committedAt - timed[task]!.at);
    }
  }
  return {
    toServer: summarize(toServer),
    toTask: summarize(toTask),
    toCommit: summarize(toCommit),
    samples: toServer.length,
  };
}
