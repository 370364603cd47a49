import { upsertSearchAttributes } from '@temporalio/workflow';
import { readModel } from './activity-options';
import {
  CarrierAttribute,
  OrderDelayedAttribute,
  OrderStatusAttribute,
  TrackingNumberAttribute,
} from './contract';
import type { OrderSession } from './order-session';

/** Writes the state to the read model with the timeline entries it has not seen yet. */
export async function projectOrder(session: OrderSession): Promise<void> {
  const { order, state } = session;
  const version = state.version;
  const newEntries = state.timeline.filter((entry) => entry.seq > session.projectedVersion);
  await readModel.projectOrder({
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
