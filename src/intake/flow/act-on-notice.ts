import { canonicalOrderId } from '../../domain/order';
import { recordCancellation } from '../cancellations';
import { recordNotForFulfillment } from '../not-for-fulfillment';
import { Rejection, type IntakeOutcome } from '../outcome';
import type { ChannelIntent } from '../types';
import type { IncomingDelivery } from '../channels/channel-handler';
import type { IntakeFlowDeps } from './admit-delivery';

type NoticeIntent = Exclude<ChannelIntent, { kind: 'order' }>;

const EXTERNAL_ID = /^[A-Za-z0-9._\-#]{1,128}$/;

function requireOrderId(delivery: IncomingDelivery, intent: NoticeIntent): string {
  if (!EXTERNAL_ID.test(intent.externalId)) {
    throw new Rejection('validation', [
      { field: 'externalId', message: 'is not an order ID of this channel' },
    ]);
  }
  return canonicalOrderId(delivery.channel, intent.accountId, intent.externalId);
}

/**
 * What a channel told us that starts no order: a cancellation (forwarded to the order core), an order
 * this service does not ship (recorded for ops), or traffic that is acknowledged and left alone.
 */
export async function actOnNotice(
  deps: IntakeFlowDeps,
  delivery: IncomingDelivery,
  intent: NoticeIntent,
): Promise<IntakeOutcome> {
  switch (intent.kind) {
    case 'deferred':
    case 'ignored': {
      const orderId = intent.externalId
        ? canonicalOrderId(delivery.channel, intent.accountId, intent.externalId)
        : null;
      return { kind: intent.kind, orderId, reason: intent.reason };
    }
    case 'not_for_fulfillment': {
      const orderId = requireOrderId(delivery, intent);
      await recordNotForFulfillment(deps.db, {
        orderId,
        channel: delivery.channel,
        accountId: intent.accountId,
        externalId: intent.externalId,
        fulfilledBy: intent.fulfilledBy,
        reason: intent.reason,
        ...(intent.totalMinor !== undefined ? { totalMinor: intent.totalMinor } : {}),
        ...(intent.currency ? { currency: intent.currency } : {}),
      });
      return { kind: 'not_for_fulfillment', orderId, fulfilledBy: intent.fulfilledBy, reason: intent.reason };
    }
    case 'cancellation': {
      if (!intent.externalId)
        return { kind: 'ignored', orderId: null, reason: 'a cancellation without an order ID' };
      const orderId = requireOrderId(delivery, intent);
      if (deps.cancelOrder) await deps.cancelOrder(orderId, intent.reason);
      const forwarded = deps.cancelOrder !== undefined;
      await recordCancellation(deps.db, {
        orderId,
        channel: delivery.channel,
        accountId: intent.accountId,
        reason: intent.reason,
        forwarded,
      });
      return { kind: 'cancelled', orderId, forwarded };
    }
  }
}
