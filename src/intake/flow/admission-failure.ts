import { ChannelApiError } from '../channel-apis/http';
import type { ChannelHandler, IncomingDelivery } from '../channels/channel-handler';
import { replayHeadersOf } from '../channels/registry';
import { keepDeadLetter } from '../dead-letters/quota';
import { refreshDeadLetter } from '../dead-letters/store';
import { releaseDelivery, settleDelivery } from '../deliveries';
import { Rejection, STAGE_STATUS, UnknownAccount, type IntakeOutcome } from '../outcome';
import { recordSourceFailure } from '../source-health';
import { BulkheadFullError } from '../spikes/start-bulkhead';
import type { IntakeFlowDeps } from './admit-delivery';
import type { AdmissionProgress } from './admit-order';

type Attempt = { delivery: IncomingDelivery; handler: ChannelHandler };

function rejectionOf(error: unknown): Rejection | undefined {
  if (error instanceof Rejection) return error;
  if (error instanceof ChannelApiError && !error.transient)
    return new Rejection('fetch', [{ field: 'channelApi', message: error.message }]);
  return undefined;
}

/**
 * What a failed admission becomes: a rejection is kept as a dead letter (or refreshes the one being
 * replayed) and answered with its stage's status; passing trouble is handed back to be retried.
 */
export async function admissionFailure(
  deps: IntakeFlowDeps,
  attempt: Attempt,
  progress: AdmissionProgress,
  error: unknown,
): Promise<IntakeOutcome> {
  const rejection = rejectionOf(error);
  if (!rejection) return retryLater(deps, attempt.delivery, progress, error);
  const { status, error: message } = STAGE_STATUS[rejection.stage];
  const rejected = { kind: 'rejected', stage: rejection.stage, status, error: message } as const;
  // Nothing is stored for an account we do not have: made-up names cannot fill tables.
  if (rejection instanceof UnknownAccount && !attempt.delivery.replay)
    return { ...rejected, problems: rejection.problems };
  const deadLetterId = await keepAsDeadLetter(deps, attempt, progress, rejection);
  if (progress.delivery)
    await settleDelivery(deps.db, progress.delivery, 'dead_letter', progress.orderId ?? null);
  const accountId = progress.accountId ?? 'unknown';
  await recordSourceFailure(deps.db, attempt.delivery.channel, accountId, rejection.message);
  return {
    ...rejected,
    problems: rejection.problems,
    ...(deadLetterId === undefined ? {} : { deadLetterId }),
  };
}

/**
 * Passing trouble (bulkhead full, channel API or Temporal unavailable): the channel keeps the payload
 * and retries, so the claim is given back.
 */
async function retryLater(
  deps: IntakeFlowDeps,
  delivery: IncomingDelivery,
  progress: AdmissionProgress,
  error: unknown,
): Promise<IntakeOutcome> {
  if (progress.delivery) await releaseDelivery(deps.db, progress.delivery).catch(() => undefined);
  if (error instanceof BulkheadFullError) {
    return {
      kind: 'retry',
      status: 429,
      retryAfterSeconds: 1,
      reason: 'too many orders in flight for this channel',
    };
  }
  const accountId = progress.accountId ?? 'unknown';
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

async function keepAsDeadLetter(
  deps: IntakeFlowDeps,
  { delivery, handler }: Attempt,
  progress: AdmissionProgress,
  rejection: Rejection,
): Promise<number | undefined> {
  if (delivery.replay) {
    await refreshDeadLetter(deps.db, delivery.replay.deadLetterId, rejection.stage, rejection.problems);
    return delivery.replay.deadLetterId;
  }
  return keepDeadLetter(
    deps.db,
    {
      channel: delivery.channel,
      accountId: progress.accountId,
      deliveryId: progress.delivery?.deliveryId ?? null,
      stage: rejection.stage,
      rawBody: delivery.rawBody,
      headers: replayHeadersOf(handler, delivery.headers),
      errors: rejection.problems,
      orderId: progress.orderId ?? null,
      hints: progress.hints,
    },
    deps.config.deadLetters,
  );
}
