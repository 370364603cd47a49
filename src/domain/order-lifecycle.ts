import { applyForecastEvent, isForecastEvent } from './forecast-events';
import type { DeliveryForecast } from './promise/delivery-forecast';
import type { Carrier, TrackingStatus } from './tracking-status';
import type { OrderEvent, OrderEventEnvelope, EventSource, OrderEventType } from './order-events';
import { isTerminal, type OrderStatus } from './order-status';
import { allowedMoves, targetOf, type Move } from './transitions';
import { InvalidTransitionError } from './transition-error';

/** How many applied event IDs an order remembers for deduplication. */
export const APPLIED_EVENT_ID_LIMIT = 2000;

export interface TimelineEntry {
  /** Position in the order's history, 1, 2, 3…: the projection's idempotency key. */
  seq: number;
  eventId: string;
  eventType: OrderEventType;
  source: EventSource;
  from: OrderStatus;
  to: OrderStatus;
  /** False when the event was recorded without changing the order (a late or informational scan). */
  applied: boolean;
  note?: string;
  details: Record<string, unknown>;
  occurredAt: string;
  recordedAt: string;
}

export interface ShipmentState {
  carrier: Carrier;
  service: string;
  trackingNumber?: string;
  shippedAt: string;
  trackingStatus: TrackingStatus;
  /** Carrier timestamp of the newest scan that moved the order; older scans never move it. */
  lastScanAt?: string;
  deliveryAttempts: number;
}

export interface OrderState {
  orderId: string;
  status: OrderStatus;
  heldFrom?: OrderStatus;
  delayed: boolean;
  version: number;
  promisedDeliveryDate?: string;
  estimatedDelivery?: string;
  shipment?: ShipmentState;
  /** The current delivery forecast and its revisions, newest last (orders that shipped with a model). */
  deliveryForecast?: DeliveryForecast;
  forecastRevisions?: DeliveryForecast[];
  /** The customer was warned that the promise is at risk. */
  atRisk?: boolean;
  timeline: TimelineEntry[];
  appliedEventIds: string[];
}

export type ApplyOutcome = 'applied' | 'recorded' | 'duplicate';

export interface ApplyResult {
  outcome: ApplyOutcome;
  state: OrderState;
  entry?: TimelineEntry;
}

export function initialOrderState(orderId: string, promisedDeliveryDate?: string): OrderState {
  return {
    orderId,
    status: 'received',
    delayed: false,
    version: 0,
    promisedDeliveryDate,
    timeline: [],
    appliedEventIds: [],
  };
}

const TRACKING_MOVES: Partial<Record<TrackingStatus, Move>> = {
  picked_up: 'depart',
  in_transit: 'depart',
  out_for_delivery: 'go_out_for_delivery',
  available_for_pickup: 'await_pickup',
  delivery_attempted: 'attempt_delivery',
  delivery_failed: 'fail_delivery',
  delivered: 'deliver',
  returned_to_sender: 'return_to_sender',
};

const EVENT_MOVES: Partial<Record<OrderEventType, Move>> = {
  inventory_reserved: 'reserve',
  backordered: 'backorder',
  picked: 'pick',
  packed: 'pack',
  shipped: 'ship',
  hold: 'hold',
  release: 'release',
  cancel: 'cancel',
};

export function moveFor(event: OrderEvent): Move | undefined {
  if (event.type === 'carrier_update') return TRACKING_MOVES[event.tracking.status];
  return EVENT_MOVES[event.type];
}

function whyNot(status: OrderStatus, event: OrderEvent): string {
  if (isTerminal(status)) return `${status} is a final state`;
  if (event.type === 'cancel') return 'an order can be cancelled only until it has shipped';
  if (event.type === 'release') return 'only an order on hold can be released';
  const allowed = allowedMoves(status);
  return allowed.length > 0
    ? `from ${status} the order can only ${allowed.join(', ')}`
    : 'no change is allowed';
}

function eventDetails(event: OrderEvent): Record<string, unknown> {
  const { type: _type, ...details } = event;
  return details;
}

/**
 * Applies one event to an order, purely. A repeated event ID is a no-op. Warehouse, ops and system
 * events the table does not allow throw InvalidTransitionError. Carrier events never throw: one that
 * cannot move the order (older than the newest scan, or not allowed from here) is recorded in the
 * timeline without changing the status, because carriers report what they saw, right or late.
 */
export function applyOrderEvent(
  state: OrderState,
  envelope: OrderEventEnvelope,
  recordedAt: string,
): ApplyResult {
  if (state.appliedEventIds.includes(envelope.eventId)) return { outcome: 'duplicate', state };
  const { event } = envelope;
  const move = moveFor(event);
  const from = state.status;
  let next: OrderState = { ...state };
  let applied = true;
  let note: string | undefined;

  if (event.type === 'carrier_update') {
    const result = applyCarrierUpdate(next, event, envelope.occurredAt, move);
    next = result.state;
    applied = result.applied;
    note = result.note;
  } else if (event.type === 'shipment_stalled') {
    next.delayed = true;
    next.estimatedDelivery = event.revisedDelivery;
  } else if (isForecastEvent(event)) {
    next = applyForecastEvent(next, event);
  } else if (event.type === 'tracking_number_assigned') {
    if (!next.shipment) throw new InvalidTransitionError(from, event.type, 'the order has not shipped');
    next.shipment = { ...next.shipment, trackingNumber: event.trackingNumber };
  } else {
    const to = move ? targetOf(from, move, state.heldFrom) : undefined;
    if (!move || !to) throw new InvalidTransitionError(from, event.type, whyNot(from, event));
    next.status = to;
    next.heldFrom = event.type === 'hold' ? from : undefined;
    if (event.type === 'shipped') {
      next.shipment = {
        carrier: event.carrier,
        service: event.service,
        shippedAt: envelope.occurredAt,
        trackingStatus: 'pre_transit',
        deliveryAttempts: 0,
      };
    }
  }

  const entry: TimelineEntry = {
    seq: state.version + 1,
    eventId: envelope.eventId,
    eventType: event.type,
    source: envelope.source,
    from,
    to: next.status,
    applied,
    ...(note ? { note } : {}),
    details: eventDetails(event),
    occurredAt: envelope.occurredAt,
    recordedAt,
  };
  next.version = entry.seq;
  next.timeline = [...state.timeline, entry];
  next.appliedEventIds = [...state.appliedEventIds, envelope.eventId].slice(-APPLIED_EVENT_ID_LIMIT);
  return { outcome: applied ? 'applied' : 'recorded', state: next, entry };
}

function applyCarrierUpdate(
  state: OrderState,
  event: Extract<OrderEvent, { type: 'carrier_update' }>,
  occurredAt: string,
  move: Move | undefined,
): { state: OrderState; applied: boolean; note?: string } {
  const { tracking } = event;
  const shipment = state.shipment;
  if (!shipment) return { state, applied: false, note: 'the order has no shipment yet' };
  if (shipment.trackingNumber && shipment.trackingNumber !== tracking.trackingNumber) {
    return { state, applied: false, note: `scan for another tracking number (${tracking.trackingNumber})` };
  }
  if (shipment.lastScanAt && Date.parse(occurredAt) < Date.parse(shipment.lastScanAt)) {
    return { state, applied: false, note: 'older than the newest scan; kept for the record' };
  }
  const next: OrderState = { ...state, shipment: { ...shipment, lastScanAt: occurredAt } };
  if (tracking.estimatedDelivery) next.estimatedDelivery = tracking.estimatedDelivery.slice(0, 10);
  const lateAgainstPromise =
    !!next.promisedDeliveryDate &&
    !!next.estimatedDelivery &&
    next.estimatedDelivery > next.promisedDeliveryDate;
  if (tracking.status === 'exception' || lateAgainstPromise) next.delayed = true;

  const to = move ? targetOf(state.status, move) : undefined;
  if (!to) {
    const changedSomething =
      next.delayed !== state.delayed || next.estimatedDelivery !== state.estimatedDelivery;
    // A further scan of where the parcel already is needs no explanation; a scan that would move it
    // somewhere the lifecycle does not allow from here does.
    const alreadyThere = move !== undefined && targetOf('shipped', move) === state.status;
    return {
      state: next,
      applied: changedSomething,
      note:
        move && !alreadyThere
          ? `${tracking.status} does not move an order that is ${state.status}`
          : undefined,
    };
  }
  next.status = to;
  next.shipment = {
    ...next.shipment!,
    trackingStatus: tracking.status,
    deliveryAttempts: shipment.deliveryAttempts + (tracking.status === 'delivery_attempted' ? 1 : 0),
  };
  if (to === 'delivered') next.delayed = false;
  return { state: next, applied: true };
}

/** The timeline as customers and ops read it: in the order things happened, ties by arrival. */
export function timelineByOccurrence(timeline: readonly TimelineEntry[]): TimelineEntry[] {
  return [...timeline].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || a.seq - b.seq);
}
