import { canonicalOrderId, toCanonicalOrder } from '../../domain/order';
import type { ChannelHandler, IncomingDelivery } from '../channels/channel-handler';
import type { DeliveryKey } from '../deliveries';
import { isStaleVersion, recordOrderSource } from '../order-sources';
import { Rejection, type IntakeOutcome } from '../outcome';
import { applyProfile } from '../profiles/apply-profile';
import type { ChannelIntent, ImpactHints, OrderDraft } from '../types';
import type { IntakeFlowDeps } from './admit-delivery';

/** What is known about a delivery so far: enough to file it as a dead letter if it goes wrong. */
export interface AdmissionProgress {
  accountId: string | null;
  hints: ImpactHints;
  delivery?: DeliveryKey;
  orderId?: string;
}

type OrderIntent = Extract<ChannelIntent, { kind: 'order' }>;

function hintsOf(draft: OrderDraft, earlier: ImpactHints): ImpactHints {
  return {
    ...earlier,
    externalId: draft.externalId,
    placedAt: draft.placedAt,
    currency: draft.currency,
    valueMinor: draft.reported?.totalMinor ?? earlier.valueMinor,
    customerTier: draft.customer.tier ?? earlier.customerTier,
  };
}

/**
 * A channel's order into the order core: held to the channel's validation profile, dropped when the
 * channel already sent a newer version, started (or found) within the channel's bulkhead, and its
 * source recorded.
 */
export async function admitOrderIntent(
  deps: IntakeFlowDeps,
  { delivery, via }: { delivery: IncomingDelivery; via: ChannelHandler['via'] },
  intent: OrderIntent,
  progress: AdmissionProgress,
): Promise<IntakeOutcome> {
  const draft = intent.draft;
  progress.hints = hintsOf(draft, progress.hints);
  progress.orderId = canonicalOrderId(draft.channel, draft.accountId, draft.externalId);
  const profile = await deps.profiles.profileFor(delivery.channel, draft.accountId);
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
    via: delivery.replay ? 'replay' : via,
  });
  return started.created
    ? { kind: 'started', orderId: started.orderId, created: true }
    : { kind: 'duplicate', orderId: started.orderId };
}
