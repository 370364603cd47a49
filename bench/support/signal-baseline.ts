import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { quietBundlerLogger } from '../../test/support/order-stack';
import { pingSignal } from '../order-core/baseline-workflow';
import { atRate, withConcurrency } from './pacing';
import { waitFor } from './read-model';
import { summarize, type LatencySummary } from './stats';

const BASELINE_QUEUE = 'bench-baseline';

export interface BaselineRound {
  /** Distinguishes this round's workflow IDs. */
  label: string;
  workflows: number;
  signals: number;
  rate: number;
  concurrency: number;
  /** Pause after starting the workflows, so their first tasks are done before timing starts. */
  settleMs: number;
  /**
   * CPU used so far (ms) by each part that should be counted (client and worker, server…): with it,
   * the signals' CPU per signal is measured, in all and by part.
   */
  cpuParts?: () => Record<string, number>;
}

export type BaselineFigures = LatencySummary & {
  cpuMsPerSignal?: number;
  cpuMsPerSignalBy?: Record<string, number>;
};

export interface SignalBaseline {
  /** Signals at `rate`/s round robin over fresh open workflows, each signal running one activity. */
  measure(round: BaselineRound): Promise<BaselineFigures>;
  stop(): Promise<void>;
}

/** The bare Temporal floor, signal → one activity, on the benchmark's own server and process. */
export async function startSignalBaseline(
  env: Pick<TestWorkflowEnvironment, 'nativeConnection' | 'client'>,
): Promise<SignalBaseline> {
  const pings: number[] = [];
  const worker = await Worker.create({
    connection: env.nativeConnection,
    dataConverter: env.client.options.dataConverter,
    taskQueue: BASELINE_QUEUE,
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: require.resolve('../order-core/baseline-workflow'),
      logger: quietBundlerLogger,
    }),
    activities: {
      async recordPing(sentAt: number) {
        pings.push(Date.now() - sentAt);
      },
    },
  });
  const running = worker.run();
  const client = env.client;
  return {
    async measure(round) {
      const ids = Array.from({ length: round.workflows }, (_, i) => `baseline-${round.label}-${i}`);
      await withConcurrency(round.workflows, round.concurrency, async (i) => {
        await client.workflow.start('signalToActivityWorkflow', {
          taskQueue: BASELINE_QUEUE,
          workflowId: ids[i]!,
        });
      });
      await new Promise((resolve) => setTimeout(resolve, round.settleMs));
      pings.length = 0;
      const partsBefore = round.cpuParts?.();
      await atRate(round.signals, round.rate, async (i) => {
        await client.workflow.getHandle(ids[i % ids.length]!).signal(pingSignal, { sentAt: Date.now() });
      });
      await waitFor(async () => pings.length >= round.signals, 120_000);
      const summary: BaselineFigures = summarize(pings);
      if (round.cpuParts && partsBefore) {
        const after = round.cpuParts();
        summary.cpuMsPerSignalBy = Object.fromEntries(
          Object.entries(after).map(([part, ms]) => [part, (ms - partsBefore[part]!) / round.signals]),
        );
        summary.cpuMsPerSignal = Object.values(summary.cpuMsPerSignalBy).reduce((sum, ms) => sum + ms, 0);
      }
      await Promise.all(ids.map((id) => client.workflow.getHandle(id).terminate('benchmark done')));
      return summary;
    },
    async stop() {
      worker.shutdown();
      await running;
    },
  };
}
