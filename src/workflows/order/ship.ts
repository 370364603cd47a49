import { condition } from '@temporalio/workflow';
import { orderRecords } from './activity-options';
import type { EventResult, FulfillmentEvent } from './contract';
import { fulfillmentEnvelope } from './envelopes';
import type { OrderSession } from './order-session';
import { chooseShippingService } from './service-choice';

/**
 * Orders that record this marker (or started with release 1) answer a repeated "shipped" only once
 * the first one's shipment is recorded, as they answer the first.
 */
export const REPEATED_SHIPPED_WAITS_PATCH = 'order-repeated-shipped-waits';

/**
 * Applies a warehouse event. A shipment is recorded and its tracking number assigned before the
 * update answers, so the warehouse gets the number back; a retry of the same "shipped" event gets it
 * too, not an answer without it while the first is still recording the shipment.
 */
export async function applyFulfillmentEvent(
  session: OrderSession,
  event: FulfillmentEvent,
): Promise<EventResult> {
  const result = session.applyOrFail(fulfillmentEnvelope(event));
  if (result.outcome === 'applied' && event.type === 'shipped') {
    const service = await chooseShippingService(session, event.service);
    const { trackingNumber } = await orderRecords.recordShipment({
      orderId: session.order.orderId,
      shipmentNo: 1,
      carrier: event.carrier,
      service,
    });
    session.applySystemEvent({ type: 'tracking_number_assigned', trackingNumber });
  } else if (
    result.outcome === 'duplicate' &&
    event.type === 'shipped' &&
    !session.state.shipment?.trackingNumber &&
    session.uses(REPEATED_SHIPPED_WAITS_PATCH)
  ) {
    await condition(() => Boolean(session.state.shipment?.trackingNumber));
  }
  return session.answer(result);
}
