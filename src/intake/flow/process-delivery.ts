import type { Logger } from 'pino';
import type { Database } from '../../db/database';
import { canonicalOrderId, toCanonicalOrder } from '../../domain/order';
import type { OrderCanceller } from '../cancellations';
import { ChannelApiError } from '../channel-apis/http';
import type { IntakeConfig } from '../config';
import type { OrderStarter } from '../contract';
import { recordDeadLetter, refreshDeadLetter, resolveByDelivery } from '../dead-letters/store';
import { claimDelivery, releaseDelivery, settleDelivery, type DeliveryKey } from '../deliveries';
import { isStaleVersion, recordOrderSource } from '../order-sources';
import { Rejection, STAGE_STATUS, type IntakeOutcome } from '../outcome';
import { applyProfile } from '../profiles/apply-profile';
import type { ProfileStore } from '../profiles/profile-store';
import { recordSourceFailure, recordSourceSuccess } from '../source-health';
import { BulkheadFullError, type StartBulkhead } from '../spikes/start-bulkhead';
import type { ChannelIntent, ImpactHints } from '../types';
import { actOnNotice } from './act-on-notice';
import { CHANNEL_HANDLERS, replayHeadersOf, type IncomingDelivery } from './channel-handlers';

export interface IntakeFlowDeps {
  db: Database;
  startOrder: OrderStarter;
  cancelOrder?: OrderCanceller;
  config: IntakeConfig;
  profiles: ProfileStore;
  bulkhead: StartBulkhead;
  logger?: Logger;
}

interface Progress {
  accountId: string | null;
  hints: ImpactHints;
  delivery?: DeliveryKey;
  orderId?: string;
}

/**
 * The governed intake flow, the same for webhooks, REST calls and ops replays: verify → read → (dedupe)
 * → fetch → convert → validate by profile → start or find the order. Whatever cannot become an order
 * lands in the dead letters; whatever failed for a passing reason is handed back to be retried.
 */
export async function processDelivery(
  deps: IntakeFlowDeps,
  delivery: IncomingDelivery,
): Promise<IntakeOutcome> {
  const handler = CHANNEL_HANDLERS[delivery.channel];
  const progress: Progress = {
    accountId: delivery.routeAccountId ?? delivery.replay?.accountId ?? null,
    hints: {},
  };
  try {
    const opened = await handler.open(delivery, deps);
    progress.accountId = opened.accountId;
    progress.hints = opened.hints;
    const deliveryId = opened.deliveryId ?? delivery.replay?.deliveryId ?? undefined;
    if (deliveryId) {
      const key = { channel: delivery.channel, accountId: opened.accountId, deliveryId };
      const claim = await claimDelivery(deps.db, key);
      if (!claim.claimed) return { kind: 'duplicate', orderId: claim.orderId };
      progress.delivery = key;
    }
    const intent = await handler.interpret(opened, delivery, deps);
    const outcome = await act(deps, delivery, intent, progress);
    if (progress.delivery) {
      const settled = outcome.kind === 'started' || outcome.kind === 'duplicate' ? 'accepted' : outcome.kind;
      if (settled !== 'rejected' && settled !== 'retry') {
        await settleDelivery(deps.db, progress.delivery, settled, progress.orderId ?? null);
        const { channel, accountId, deliveryId: id } = progress.delivery;
        if (!delivery.replay)
          await resolveByDelivery(deps.db, channel, accountId, id, progress.orderId ?? null);
      }
    }
    await recordSourceSuccess(deps.db, delivery.channel, opened.accountId);
    return outcome;
  } catch (error) {
    try {
      return await handleFailure(deps, delivery, progress, error);
    } catch (storeError) {
      // Not even the dead letter could be stored: hand the delivery back so the channel retries it.
      if (progress.delivery) await releaseDelivery(deps.db, progress.delivery).catch(() => undefined);
      throw storeError;
    }
  }
}

async function act(
  deps: IntakeFlowDeps,
  delivery: IncomingDelivery,
  intent: ChannelIntent,
  progress: Progress,
): Promise<IntakeOutcome> {
  if (intent.kind !== 'order') {
    const outcome = await actOnNotice(deps, delivery, intent);
    if ('orderId' in outcome && outcome.orderId) progress.orderId = outcome.orderId;
    return outcome;
  }
  const draft = intent.draft;
  progress.hints = {
    ...progress.hints,
    externalId: draft.externalId,
    placedAt: draft.placedAt,
    currency: draft.currency,
    valueMinor: draft.reported?.totalMinor ?? progress.hints.valueMinor,
    customerTier: draft.customer.tier ?? progress.hints.customerTier,
  };
  progress.orderId = canonicalOrderId(draft.channel, draft.accountId, draft.externalId);
  const profile = await deps.profiles.profileFor(draft.channel, draft.accountId);
  const validated = applyProfile(draft, profile);
  if (!validated.ok) throw new Rejection('validation', validated.problems);
  const order = toCanonicalOrder(validated.value);
  if (await isStaleVersion(deps.db, order.orderId, intent.sourceVersion))
    return { kind: 'stale', orderId: order.orderId };
  const started = await deps.bulkhead.run(delivery.channel, () => deps.startOrder(order));
  await recordOrderSource(deps.db, {
    orderId: order.orderId,
    channel: order.channel,
    accountId: order.accountId,
    externalId: order.externalId,
    sourceVersion: intent.sourceVersion,
    via: delivery.replay ? 'replay' : delivery.channel === 'rest' ? 'rest' : 'webhook',
  });
  return started.created
    ? { kind: 'started', orderId: started.orderId, created: true }
    : { kind: 'duplicate', orderId: started.orderId };
}

async function handleFailure(
  deps: IntakeFlowDeps,
  delivery: IncomingDelivery,
  progress: Progress,
  error: unknown,
): Promise<IntakeOutcome> {
  const accountId = progress.accountId ?? 'unknown';
  const rejection =
    error instanceof Rejection
      ? error
      : error instanceof ChannelApiError && !error.transient
        ? new Rejection('fetch', [{ field: 'channelApi', message: error.message }])
        : undefined;
  if (!rejection) {
    // Passing trouble (bulkhead full, channel API or Temporal unavailable): the channel keeps the
    // payload and retries, so the claim is given back.
    if (progress.delivery) await releaseDelivery(deps.db, progress.delivery).catch(() => undefined);
    if (error instanceof BulkheadFullError) {
      return {
        kind: 'retry',
        status: 429,
        retryAfterSeconds: 1,
        reason: 'too many orders in flight for this channel',
      };
    }
    deps.logger?.warn(
      { err: error, channel: delivery.channel, accountId },
      'intake delivery failed transiently',
    );
    await recordSourceFailure(deps.db, delivery.channel, accountId, (error as Error).message).catch(
      () => undefined,
    );
    return {
      kind: 'retry',
      status: 503,
      retryAfterSeconds: 5,
      reason: 'the order could not be started right now',
    };
  }
  let deadLetterId: number;
  if (delivery.replay) {
    deadLetterId = delivery.replay.deadLetterId;
    await refreshDeadLetter(deps.db, deadLetterId, rejection.stage, rejection.problems);
  } else {
    deadLetterId = await recordDeadLetter(deps.db, {
      channel: delivery.channel,
      accountId: progress.accountId,
      deliveryId: progress.delivery?.deliveryId ?? null,
      stage: rejection.stage,
      rawBody: delivery.rawBody,
      headers: replayHeadersOf(delivery.channel, delivery.headers),
      errors: rejection.problems,
      orderId: progress.orderId ?? null,
      hints: progress.hints,
    });
  }
  if (progress.delivery)
    await settleDelivery(deps.db, progress.delivery, 'dead_letter', progress.orderId ?? null);
  await recordSourceFailure(deps.db, delivery.channel, accountId, rejection.message);
  const { status, error: message } = STAGE_STATUS[rejection.stage];
  return {
    kind: 'rejected',
    stage: rejection.stage,
    status,
    error: message,
    problems: rejection.problems,
    deadLetterId,
  };
}
