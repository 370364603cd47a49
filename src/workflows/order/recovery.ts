import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import { recoveryUpdate, type RecoveryRequest } from './contract';
import { envelope } from './envelopes';
import type { OrderSession } from './order-session';

const IN_FLIGHT = ['shipped', 'in_transit', 'out_for_delivery', 'delivery_attempted', 'available_for_pickup'];

const refuse = (message: string) =>
  ApplicationFailure.create({ type: 'RecoveryNotAllowed', message, nonRetryable: true });

/** A recovery action is for a shipment in flight that is at risk; a service must be one the account has. */
function assertRecoveryAllowed(session: OrderSession, request: RecoveryRequest): void {
  if (session.isApplied(request.eventId)) return;
  const { state } = session;
  if (!state.atRisk) throw refuse('the order is not at risk');
  if (!IN_FLIGHT.includes(state.status))
    throw refuse(`an order that is ${state.status} has no parcel in flight`);
  if (request.action === 'notify_only') return;
  const configured = session.forecast.policy.services[state.shipment!.carrier] ?? [];
  if (!request.service || !configured.includes(request.service))
    throw refuse(`${request.action} needs one of the account's services: ${configured.join(', ') || 'none'}`);
}

const recoveryEnvelope = (request: RecoveryRequest) => {
  const { eventId, action, service, predicted, actor } = request;
  return envelope(
    { type: 'recovery_applied', action, ...(service ? { service } : {}), predicted, actor },
    eventId,
    'ops',
  );
};

/** Ops' recovery actions arrive as an update: validated, then recorded in history and the timeline. */
export function registerRecoveryHandler(session: OrderSession): void {
  setHandler(recoveryUpdate, (request) => session.answer(session.applyOrFail(recoveryEnvelope(request))), {
    validator: (request) => assertRecoveryAllowed(session, request),
  });
}
