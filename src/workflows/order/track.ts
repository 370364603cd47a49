import { log } from '@temporalio/workflow';
import { nextPollDelay } from '../../carriers/polling/next-poll-delay';
import { isTerminal } from '../../domain/order-status';
import { carrierCalls } from './activity-options';
import type { OrderSession } from './order-session';

export const needsRegistration = ({ trackingRegistered, state }: OrderSession) =>
  !trackingRegistered && !!state.shipment?.trackingNumber;

/** Links the tracking number with the carrier's system (subscription / shipment record). */
export async function registerTracking(session: OrderSession): Promise<void> {
  const shipment = session.state.shipment!;
  try {
    await carrierCalls.registerShipment({
      carrier: shipment.carrier,
      trackingNumber: shipment.trackingNumber!,
      service: shipment.service,
    });
  } catch (error) {
    log.warn('carrier registration failed; polling will still track the shipment', {
      error: String(error),
    });
  }
  session.trackingRegistered = true;
}

/** When the next poll is due, or undefined when the carrier has nothing more to tell. */
export function pollDueAt({ state, lastCarrierContactAt, settings }: OrderSession): number | undefined {
  const shipment = state.shipment;
  if (!shipment?.trackingNumber || isTerminal(state.status) || state.status === 'delivered') return undefined;
  const delay = nextPollDelay({
    now: Date.now(),
    shippedAt: shipment.shippedAt,
    estimatedDelivery: state.estimatedDelivery,
    lastStatus: shipment.trackingStatus,
  });
  if (delay === null) return undefined;
  const since = Math.max(lastCarrierContactAt ?? 0, Date.parse(shipment.shippedAt) || 0);
  return since + delay * (settings.trackingPollScale ?? 1);
}

export async function pollCarrier(session: OrderSession): Promise<void> {
  const shipment = session.state.shipment!;
  session.lastCarrierContactAt = Date.now();
  try {
    const result = await carrierCalls.pollTracking({
      carrier: shipment.carrier,
      trackingNumber: shipment.trackingNumber!,
    });
    for (const tracking of result.events) session.applyCarrierEvent(tracking);
  } catch (error) {
    log.warn('carrier poll failed; trying again at the next poll', { error: String(error) });
  }
}
