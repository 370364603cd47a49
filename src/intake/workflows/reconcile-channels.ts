import { ApplicationFailure, log, proxyActivities } from '@temporalio/workflow';
import type { ReconcileActivities, ReconcileSourceResult } from '../activities';

const { listReconcileSources } = proxyActivities<ReconcileActivities>({ startToCloseTimeout: '30 seconds' });
const { reconcileSource } = proxyActivities<ReconcileActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', maximumAttempts: 3 },
});

export interface ReconcileChannelsInput {
  /** How far back to list each channel's orders; the intake config's default when absent. */
  lookbackMinutes?: number;
}

export interface ReconcileChannelsResult {
  sources: Array<ReconcileSourceResult | { channel: string; accountId: string; error: string }>;
  started: number;
  failedSources: number;
}

/**
 * Finds orders that channels created but whose webhooks never arrived, and starts them. Each channel
 * account is reconciled on its own, so one unreachable channel does not hold up the others.
 */
export async function reconcileChannels(
  input: ReconcileChannelsInput = {},
): Promise<ReconcileChannelsResult> {
  const sources = await listReconcileSources();
  const results = await Promise.all(
    sources.map(async (source) => {
      try {
        return await reconcileSource(source, input.lookbackMinutes);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log.warn('channel reconciliation failed', {
          channel: source.channel,
          accountId: source.accountId,
          message,
        });
        return { ...source, error: message };
      }
    }),
  );
  const started = results.reduce((sum, result) => sum + ('started' in result ? result.started : 0), 0);
  const failedSources = results.filter((result) => 'error' in result).length;
  if (sources.length > 0 && failedSources === sources.length) {
    throw ApplicationFailure.create({
      type: 'AllChannelsUnreachable',
      message: 'no channel could be reconciled',
      nonRetryable: true,
    });
  }
  return { sources: results, started, failedSources };
}
