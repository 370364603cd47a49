import type { Logger } from 'pino';
import type { Database } from '../../db/database';
import type { OrderCanceller } from '../cancellations';
import type { IncomingDelivery, OpenedDelivery } from '../channels/channel-handler';
import { CHANNEL_HANDLERS } from '../channels/registry';
import type { IntakeConfig } from '../config';
import type { OrderStarter } from '../contract';
import { resolveByDelivery } from '../dead-letters/store';
import { claimDelivery, releaseDelivery, settleDelivery } from '../deliveries';
import { Rejection, type IntakeOutcome } from '../outcome';
import { unsafeTextProblems } from '../../validation/safe-text';
import { recordIntakeOutcome } from '../../observability/intake-metrics';
import { createProfileStore, type ProfileStore } from '../profiles/profile-store';
import { noteSourceSuccess } from '../source-successes';
import { StartBulkhead } from '../spikes/start-bulkhead';
import { admissionFailure } from './admission-failure';
import { admitOrderIntent, type AdmissionProgress } from './admit-order';
import { actOnNotice } from './act-on-notice';

export interface IntakeFlowDeps {
  db: Database;
  startOrder: OrderStarter;
  cancelOrder?: OrderCanceller;
  config: IntakeConfig;
  profiles: ProfileStore;
  bulkhead: StartBulkhead;
  logger?: Logger;
}

/** The admission's dependencies, with a profile store and a start bulkhead of its own. */
export function intakeFlowDeps(
  setup: Omit<IntakeFlowDeps, 'profiles' | 'bulkhead' | 'cancelOrder' | 'logger'> & {
    cancelOrder?: OrderCanceller | undefined;
    logger?: Logger | undefined;
  },
): IntakeFlowDeps {
  const { db, startOrder, config, cancelOrder, logger } = setup;
  return {
    db,
    startOrder,
    config,
    profiles: createProfileStore(db),
    bulkhead: new StartBulkhead(config.starts.maxConcurrentPerChannel, config.starts.maxQueuedPerChannel),
    ...(cancelOrder ? { cancelOrder } : {}),
    ...(logger ? { logger } : {}),
  };
}

/**
 * The one way an order is admitted, the same for channel webhooks, REST channel keys, `POST /orders`
 * (the web channel), reconciliation and ops replays: verify → read → refuse unsafe text (NUL, unpaired surrogates) → (dedupe) → fetch → convert →
 * validate by profile → (stale?) → start or find the order within the channel's bulkhead. Whatever
 * cannot become an order lands in the dead letters; whatever failed for a passing reason is handed
 * back to be retried.
 */
export async function admitDelivery(
  deps: IntakeFlowDeps,
  delivery: IncomingDelivery,
): Promise<IntakeOutcome> {
  const outcome = await admitOnce(deps, delivery);
  recordIntakeOutcome(delivery.channel, outcome);
  return outcome;
}

async function admitOnce(deps: IntakeFlowDeps, delivery: IncomingDelivery): Promise<IntakeOutcome> {
  const handler = delivery.handler ?? CHANNEL_HANDLERS[delivery.channel];
  const progress: AdmissionProgress = {
    accountId: delivery.routeAccountId ?? delivery.replay?.accountId ?? null,
    hints: {},
  };
  try {
    const opened = await handler.open(delivery, deps);
    progress.accountId = opened.accountId;
    progress.hints = opened.hints;
    const unsafe = unsafeTextProblems(opened.payload);
    if (unsafe.length > 0) throw new Rejection('validation', unsafe);
    const claim = await claimOnce(deps, delivery, opened, progress);
    if (!claim.claimed)
      return claim.inFlight ? EARLIER_ATTEMPT_UNSETTLED : { kind: 'duplicate', orderId: claim.orderId };
    const intent = await handler.interpret(opened, delivery, deps);
    const outcome =
      intent.kind === 'order'
        ? await admitOrderIntent(deps, { delivery, via: handler.via }, intent, progress)
        : await noticeOutcome(deps, delivery, intent, progress);
    await settle(deps, delivery, outcome, progress);
    noteSourceSuccess(deps.db, delivery.channel, opened.accountId);
    return outcome;
  } catch (error) {
    try {
      return await admissionFailure(deps, { delivery, handler }, progress, error);
    } catch (storeError) {
      // Not even the dead letter could be stored: hand the delivery back so the channel retries it.
      if (progress.delivery) await releaseDelivery(deps.db, progress.delivery).catch(() => undefined);
      throw storeError;
    }
  }
}

/** How long a redelivery waits for an earlier attempt of it that is still being admitted. */
const EARLIER_ATTEMPT_WAIT_MS = 5_000;

/**
 * An earlier attempt still holds the claim: in flight elsewhere, or cut off by a crash (its claim
 * lapses after two minutes). A 2xx here would end the channel's retries with no order started.
 */
const EARLIER_ATTEMPT_UNSETTLED: IntakeOutcome = {
  kind: 'retry',
  status: 503,
  retryAfterSeconds: 30,
  reason: 'an earlier attempt of this delivery has not settled yet',
};

/**
 * Claims the channel's delivery ID, when it gave one, so a redelivery is not admitted twice. A claim
 * held by an earlier attempt is waited for briefly: settled, it answers for this one; released, this
 * one takes it over.
 */
async function claimOnce(
  deps: IntakeFlowDeps,
  delivery: IncomingDelivery,
  opened: OpenedDelivery,
  progress: AdmissionProgress,
): Promise<{ claimed: true } | { claimed: false; orderId: string | null; inFlight: boolean }> {
  const deliveryId = opened.deliveryId ?? delivery.replay?.deliveryId ?? undefined;
  if (!deliveryId) return { claimed: true };
  const key = { channel: delivery.channel, accountId: opened.accountId, deliveryId };
  const deadline = Date.now() + EARLIER_ATTEMPT_WAIT_MS;
  for (;;) {
    const claim = await claimDelivery(deps.db, key);
    if (claim.claimed) {
      progress.delivery = key;
      return claim;
    }
    const inFlight = claim.outcome === 'processing';
    if (!inFlight || Date.now() >= deadline) return { claimed: false, orderId: claim.orderId, inFlight };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function noticeOutcome(
  deps: IntakeFlowDeps,
  delivery: IncomingDelivery,
  intent: Parameters<typeof actOnNotice>[2],
  progress: AdmissionProgress,
): Promise<IntakeOutcome> {
  const outcome = await actOnNotice(deps, delivery, intent);
  if ('orderId' in outcome && outcome.orderId) progress.orderId = outcome.orderId;
  return outcome;
}

/** Records what became of a claimed delivery, and closes dead letters an earlier attempt of it left. */
async function settle(
  deps: IntakeFlowDeps,
  delivery: IncomingDelivery,
  outcome: IntakeOutcome,
  progress: AdmissionProgress,
): Promise<void> {
  if (!progress.delivery) return;
  const settled = outcome.kind === 'started' || outcome.kind === 'duplicate' ? 'accepted' : outcome.kind;
  if (settled === 'rejected' || settled === 'retry') return;
  const orderId = progress.orderId ?? null;
  await settleDelivery(deps.db, progress.delivery, settled, orderId);
  const { channel, accountId, deliveryId } = progress.delivery;
  if (!delivery.replay) await resolveByDelivery(deps.db, channel, accountId, deliveryId, orderId);
}
