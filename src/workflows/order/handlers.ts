import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import { timelineByOccurrence } from '../../domain/order-lifecycle';
import { noticesOfOnePush } from '../../domain/push-notices';
import {
  cancelUpdate,
  carrierUpdateSignal,
  carrierUpdatesSignal,
  fulfillmentEventUpdate,
  holdUpdate,
  inventoryRestockedSignal,
  orderViewQuery,
  releaseUpdate,
  timelineQuery,
  type HoldRequest,
} from './contract';
import { cancelEnvelope, fulfillmentEnvelope, holdEnvelope, releaseEnvelope } from './envelopes';
import type { OrderSession } from './order-session';
import { viewOf } from './order-view';
import { registerRecoveryHandler } from './recovery';
import { applyFulfillmentEvent } from './ship';

/** Every message the order takes: queries read the state, updates and signals apply events. */
export function registerHandlers(session: OrderSession): void {
  setHandler(orderViewQuery, () => viewOf(session.state));
  setHandler(timelineQuery, () => timelineByOccurrence(session.state.timeline));

  setHandler(fulfillmentEventUpdate, (event) => applyFulfillmentEvent(session, event), {
    validator: (event) => session.assertAllowed(fulfillmentEnvelope(event)),
  });
  setHandler(holdUpdate, (request) => session.answer(session.applyOrFail(holdEnvelope(request))), {
    validator: (request) => assertHoldAllowed(session, request),
  });
  setHandler(releaseUpdate, (request) => session.answer(session.applyOrFail(releaseEnvelope(request))), {
    validator: (request) => session.assertAllowed(releaseEnvelope(request)),
  });
  setHandler(cancelUpdate, (request) => session.answer(session.applyOrFail(cancelEnvelope(request))), {
    validator: (request) => session.assertAllowed(cancelEnvelope(request)),
  });

  registerRecoveryHandler(session);

  setHandler(carrierUpdateSignal, (tracking) => {
    session.lastCarrierContactAt = Date.now();
    session.applyCarrierEvent(tracking);
  });
  setHandler(carrierUpdatesSignal, (events) => {
    session.lastCarrierContactAt = Date.now();
    const before = session.pendingNotices.length;
    for (const tracking of events) session.applyCarrierEvent(tracking);
    // One push, one message about where the parcel is: not one per scan it carried.
    session.pendingNotices.push(...noticesOfOnePush(session.pendingNotices.splice(before)));
  });
  setHandler(inventoryRestockedSignal, () => {
    session.restockPending = true;
  });
}

/** Holds are refused while the inventory check runs; the caller retries in a moment. */
function assertHoldAllowed(session: OrderSession, request: HoldRequest): void {
  if (session.reserving && !session.isApplied(request.eventId)) {
    throw ApplicationFailure.create({
      type: 'InventoryCheckInProgress',
      message: 'The inventory check for this order is running; retry the hold in a moment.',
      nonRetryable: true,
    });
  }
  session.assertAllowed(holdEnvelope(request));
}
