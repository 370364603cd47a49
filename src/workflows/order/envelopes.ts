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

/** The reason code, `other` when the caller sent none, and the note (or the free text sent before codes). */
const reasonOf = (request: HoldRequest | CancelRequest) => {
  const note = request.note ?? request.reason;
  return { reasonCode: request.reasonCode ?? 'other', ...(note ? { note } : {}) } as const;
};

export const holdEnvelope = (request: HoldRequest) =>
  envelope({ type: 'hold', ...reasonOf(request) }, request.eventId, 'ops');

export const releaseEnvelope = (request: ReleaseRequest) =>
  envelope({ type: 'release' }, request.eventId, 'ops');

export const cancelEnvelope = (request: CancelRequest) =>
  envelope({ type: 'cancel', ...reasonOf(request) }, request.eventId, request.source ?? 'ops');

export const carrierEnvelope = (tracking: CarrierTrackingEvent) =>
  envelope({ type: 'carrier_update', tracking }, tracking.eventId, 'carrier', tracking.occurredAt);

/**
 * An event the workflow records itself, identified by its type and how many of that type the order
 * has had (`inventory_reserved#1`), not by the version it makes: a workflow task retried after its
 * read-model write (a local activity) may first apply signals that arrived in between, and the event
 * must keep the ID its customer notices were already queued under. IDs of the older `type@version`
 * form count as earlier occurrences.
 */
export const systemEnvelope = (event: OrderEvent, appliedEventIds: readonly string[]) => {
  const earlier = appliedEventIds.filter(
    (id) => id.startsWith(`${event.type}#`) || id.startsWith(`${event.type}@`),
  ).length;
  return envelope(event, `${event.type}#${earlier + 1}`, 'system');
};
