import type { Database } from '../db/database';
import { canonicalOrderId } from '../domain/order';
import { unwrap, type IncomingDelivery } from './channels/channel-handler';
import { parseIntakeConfig, type IntakeConfig, type IntakeConfigInput } from './config';
import type { OrderStarter } from './contract';
import { admitDelivery, intakeFlowDeps } from './flow/admit-delivery';
import { unknownOrderIds } from './order-sources';
import type { IntakeOutcome } from './outcome';
import {
  listChannelOrders,
  reconcilableSources,
  type ListedOrder,
  type ReconcileSource,
} from './reconcile/list-channel-orders';
import { recordReconciled, recordSourceFailure, recordSourceSuccess } from './source-health';

export type { ReconcileSource } from './reconcile/list-channel-orders';

export interface ReconcileSourceResult extends ReconcileSource {
  listed: number;
  missing: number;
  started: number;
  deadLetters: number;
  skipped: number;
}

export interface ReconcileActivityDeps {
  db: Database;
  startOrder: OrderStarter;
  config: IntakeConfig | IntakeConfigInput;
  now?: () => Date;
}

/**
 * An order reconciliation found in the channel's API: admitted like a delivery, read by its listing
 * (no signature to check: it came from the channel with our credentials) and kept, if it is rejected,
 * as a dead letter marked as reconciliation's.
 */
function reconciledDelivery(source: ReconcileSource, listed: ListedOrder): IncomingDelivery {
  return {
    channel: source.channel,
    routeAccountId: source.accountId,
    rawBody: Buffer.from(JSON.stringify(listed.raw), 'utf8'),
    headers: { 'content-type': 'application/json', 'x-intake-source': 'reconciliation' },
    handler: {
      via: 'reconciliation',
      replayHeaders: ['x-intake-source'],
      async open() {
        return {
          accountId: source.accountId,
          deliveryId: `reconcile:${listed.externalId}`,
          payload: listed.raw,
          hints: { externalId: listed.externalId },
        };
      },
      async interpret() {
        return unwrap(await listed.interpret());
      },
    },
  };
}

/** Adds one admission's outcome to the source's counts; passing trouble fails the activity, to be retried. */
function count(result: ReconcileSourceResult, outcome: IntakeOutcome): void {
  if (outcome.kind === 'retry') throw new Error(`reconciliation must retry: ${outcome.reason}`);
  if (outcome.kind === 'started' || outcome.kind === 'duplicate') result.started += 1;
  else if (outcome.kind === 'rejected') result.deadLetters += 1;
  else result.skipped += 1;
}

/**
 * Activities of the reconcileChannels workflow: list each channel account's recent orders through the
 * channel's API and admit the ones the intake never saw (a dropped webhook) like any delivery.
 */
export function createReconcileActivities(deps: ReconcileActivityDeps) {
  const config = parseIntakeConfig(deps.config);
  const flow = intakeFlowDeps({ db: deps.db, startOrder: deps.startOrder, config });
  const now = deps.now ?? (() => new Date());

  async function listSince(source: ReconcileSource, since: string): Promise<ListedOrder[]> {
    try {
      return await listChannelOrders(config, source, since);
    } catch (error) {
      const reason = `reconciliation: ${(error as Error).message}`;
      await recordSourceFailure(deps.db, source.channel, source.accountId, reason);
      throw error;
    }
  }

  async function reconcileSource(
    source: ReconcileSource,
    lookbackMinutes?: number,
  ): Promise<ReconcileSourceResult> {
    const minutes = lookbackMinutes ?? config.reconcileLookbackMinutes;
    const listed = await listSince(source, new Date(now().getTime() - minutes * 60_000).toISOString());
    const byOrderId = new Map(
      listed
        .filter((order) => order.externalId)
        .map((order) => [canonicalOrderId(source.channel, source.accountId, order.externalId), order]),
    );
    const missing = await unknownOrderIds(deps.db, [...byOrderId.keys()]);
    const result = {
      ...source,
      listed: listed.length,
      missing: missing.length,
      started: 0,
      deadLetters: 0,
      skipped: 0,
    };
    for (const orderId of missing) {
      const listedOrder = byOrderId.get(orderId);
      if (listedOrder) count(result, await admitDelivery(flow, reconciledDelivery(source, listedOrder)));
    }
    await recordSourceSuccess(deps.db, source.channel, source.accountId);
    await recordReconciled(deps.db, source.channel, source.accountId);
    return result;
  }

  return { listReconcileSources: async () => reconcilableSources(config), reconcileSource };
}

export type ReconcileActivities = ReturnType<typeof createReconcileActivities>;
