import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { readModel } from './activity-options';
import {
  CarrierAttribute,
  OrderDelayedAttribute,
  OrderStatusAttribute,
  TrackingNumberAttribute,
} from './contract';
import type { OrderSession } from './order-session';

/**
 * Orders that record this marker hand their notices over with the read-model write: the projection
 * puts them in the notice outbox the notification workers drain, no command of their own.
 */
export const NOTICE_OUTBOX_PATCH = 'order-notice-outbox';

/**
 * Writes the state to the read model with the timeline entries it has not seen yet (and, behind
 * NOTICE_OUTBOX_PATCH, the notices waiting to go out, which then leave the session).
 */
export async function projectOrder(session: OrderSession): Promise<void> {
  const { order, state } = session;
  const version = state.version;
  const newEntries = state.timeline.filter((entry) => entry.seq > session.projectedVersion);
  const notices =
    session.pendingNotices.length > 0 && session.uses(NOTICE_OUTBOX_PATCH) ? [...session.pendingNotices] : [];
  await readModel.projectOrder({
    ...(notices.length > 0 ? { notices } : {}),
    order,
    status: state.status,
    delayed: state.delayed,
    version,
    estimatedDelivery: state.estimatedDelivery,
    shipment: state.shipment,
    ...(state.deliveryForecast ? { deliveryForecast: state.deliveryForecast } : {}),
    ...(state.atRisk ? { atRisk: true } : {}),
    newEntries,
  });
  session.projectedVersion = Math.max(session.projectedVersion, version);
  // Notices applied while the write ran stay for the next one.
  session.pendingNotices.splice(0, notices.length);
}

/**
 * Orders that record this marker (or started with release 1) take the search attributes they were
 * started with as already published, so their first task writes none it would only repeat.
 */
export const KNOWN_ATTRIBUTES_PATCH = 'order-known-search-attributes';

export type PublishedAttributes = { status: string; delayed: boolean; trackingNumber: string };

/** The search attributes the order already holds (from its start, or carried by continue-as-new). */
export function attributesHeld(): PublishedAttributes {
  const held = workflowInfo().typedSearchAttributes;
  return {
    status: held.get(OrderStatusAttribute) ?? '',
    delayed: held.get(OrderDelayedAttribute) ?? false,
    trackingNumber: held.get(TrackingNumberAttribute) ?? '',
  };
}

/** Status, delay and shipment for ops' searches in the Temporal UI; written only when they change. */
export function publishSearchAttributes(session: OrderSession): void {
  const { state } = session;
  const current = {
    status: state.status,
    delayed: state.delayed,
    trackingNumber: state.shipment?.trackingNumber ?? '',
  };
  if (JSON.stringify(current) === JSON.stringify(session.publishedAttributes)) return;
  upsertSearchAttributes([
    { key: OrderStatusAttribute, value: current.status },
    { key: OrderDelayedAttribute, value: current.delayed },
    ...(state.shipment ? [{ key: CarrierAttribute, value: state.shipment.carrier }] : []),
    ...(current.trackingNumber ? [{ key: TrackingNumberAttribute, value: current.trackingNumber }] : []),
  ]);
  session.publishedAttributes = current;
}
