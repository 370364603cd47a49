import type { EventSource, OrderEvent, OrderEventEnvelope } from '../../domain/order-events';
import type { CarrierTrackingEvent } from '../../domain/tracking-status';
import type { CancelRequest, FulfillmentEvent, HoldRequest, ReleaseRequest } from './contract';

// Each message as the lifecycle event it stands for, with its ID, time and source.

/** Workflow time (deterministic in the sandbox). */
export const now = () => new Date().toISOString();

export const envelope = (event: OrderEvent, eventId: string, source: EventSource, occurredAt = now()) =>
  ({ eventId, occurredAt, source, event }) satisfies OrderEventEnvelope;

export const fulfillmentEnvelope = (event: FulfillmentEvent) => {
  const { eventId, occurredAt, ...rest } = event;
  return envelope(rest, eventId, 'warehouse', occurredAt);
};

export const holdEnvelope = (request: HoldRequest) =>
  envelope({ type: 'hold', reason: request.reason }, request.eventId, 'ops');

export const releaseEnvelope = (request: ReleaseRequest) =>
  envelope({ type: 'release' }, request.eventId, 'ops');

export const cancelEnvelope = (request: CancelRequest) =>
  envelope({ type: 'cancel', reason: request.reason }, request.eventId, request.source ?? 'ops');

export const carrierEnvelope = (tracking: CarrierTrackingEvent) =>
  envelope({ type: 'carrier_update', tracking }, tracking.eventId, 'carrier', tracking.occurredAt);

/** An event the workflow records itself, identified by the version it makes. */
export const systemEnvelope = (event: OrderEvent, currentVersion: number) =>
  envelope(event, `${event.type}@${currentVersion + 1}`, 'system');
