import type { Database } from '../db/database';
import { canonicalOrderId, toCanonicalOrder } from '../domain/order';
import { parseIntakeConfig, type IntakeConfig, type IntakeConfigInput } from './config';
import type { OrderStarter } from './contract';
import { recordDeadLetter } from './dead-letters/store';
import { recordOrderSource, unknownOrderIds } from './order-sources';
import { applyProfile } from './profiles/apply-profile';
import { createProfileStore } from './profiles/profile-store';
import {
  listChannelOrders,
  reconcilableSources,
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
 * Activities of the reconcileChannels workflow: list each channel account's recent orders through the
 * channel's API and hand the ones the intake never saw (a dropped webhook) to the order core.
 */
export function createReconcileActivities(deps: ReconcileActivityDeps) {
  const config = parseIntakeConfig(deps.config);
  const profiles = createProfileStore(deps.db);
  const now = deps.now ?? (() => new Date());

  async function listReconcileSources(): Promise<ReconcileSource[]> {
    return reconcilableSources(config);
  }

  async function reconcileSource(
    source: ReconcileSource,
    lookbackMinutes?: number,
  ): Promise<ReconcileSourceResult> {
    const minutes = lookbackMinutes ?? config.reconcileLookbackMinutes;
    const since = new Date(now().getTime() - minutes * 60_000).toISOString();
    let listed;
    try {
      listed = await listChannelOrders(config, source, since);
    } catch (error) {
      await recordSourceFailure(
        deps.db,
        source.channel,
        source.accountId,
        `reconciliation: ${(error as Error).message}`,
      );
      throw error;
    }
    const byOrderId = new Map(
      listed
        .filter((order) => order.externalId)
        .map((order) => [canonicalOrderId(source.channel, source.accountId, order.externalId), order]),
    );
    const missing = await unknownOrderIds(deps.db, [...byOrderId.keys()]);
    const result: ReconcileSourceResult = {
      ...source,
      listed: listed.length,
      missing: missing.length,
      started: 0,
      deadLetters: 0,
      skipped: 0,
    };
    for (const orderId of missing) {
      const listedOrder = byOrderId.get(orderId);
      if (!listedOrder) continue;
      const converted = await listedOrder.interpret();
      const intent = converted.ok ? converted.value : undefined;
      if (intent && intent.kind !== 'order') {
        result.skipped += 1;
        continue;
      }
      const validated = intent
        ? applyProfile(intent.draft, await profiles.profileFor(source.channel, source.accountId))
        : undefined;
      if (!validated?.ok) {
        await recordDeadLetter(deps.db, {
          channel: source.channel,
          accountId: source.accountId,
          deliveryId: `reconcile:${listedOrder.externalId}`,
          stage: converted.ok ? 'validation' : 'parsing',
          rawBody: JSON.stringify(listedOrder.raw),
          headers: { 'content-type': 'application/json', 'x-intake-source': 'reconciliation' },
          errors: converted.ok ? (validated && !validated.ok ? validated.problems : []) : converted.problems,
          orderId,
          hints: { externalId: listedOrder.externalId },
        });
        result.deadLetters += 1;
        continue;
      }
      const order = toCanonicalOrder(validated.value);
      await deps.startOrder(order);
      await recordOrderSource(deps.db, {
        orderId: order.orderId,
        channel: order.channel,
        accountId: order.accountId,
        externalId: order.externalId,
        sourceVersion: intent?.kind === 'order' ? intent.sourceVersion : undefined,
        via: 'reconciliation',
      });
      result.started += 1;
    }
    await recordSourceSuccess(deps.db, source.channel, source.accountId);
    await recordReconciled(deps.db, source.channel, source.accountId);
    return result;
  }

  return { listReconcileSources, reconcileSource };
}

export type ReconcileActivities = ReturnType<typeof createReconcileActivities>;
