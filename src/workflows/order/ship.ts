import { orderRecords } from './activity-options';
import type { EventResult, FulfillmentEvent } from './contract';
import { fulfillmentEnvelope } from './envelopes';
import type { OrderSession } from './order-session';
import { chooseShippingService } from './service-choice';

/**
 * Applies a warehouse event. A shipment is recorded and its tracking number assigned before the
 * update answers, so the warehouse gets the number back.
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
  }
  return session.answer(result);
}
