import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { createUnknownTrackingLog } from '../unknown-tracking-log';
import type { Queryable } from '../../db/database';
import type { CarrierTrackingEvent } from '../../domain/tracking-status';
import { carrierEventsDeferredTotal } from '../../observability/metrics';
import { sendCarrierUpdates } from '../../orders/order-client';
import { shipmentOwners } from '../../orders/order-read-model';
import { CarrierEventLimiter, DEFAULT_CARRIER_EVENTS_PER_ORDER_PER_MINUTE } from './order-event-limit';
import { RecentlySignalled } from './recently-signalled';

/** New events of a push that were over their order's rate and were not handed over. */
export interface DeferredCarrierEvents {
  events: number;
  orderIds: string[];
  retryAfterSeconds: number;
}

/**
 * Takes the verified, normalized events of one carrier push and hands them to their orders; says what
 * it held back (the push is to be delivered again later), if anything.
 */
export type CarrierEventDispatcher = (
  events: CarrierTrackingEvent[],
) => Promise<{ deferred?: DeferredCarrierEvents }>;

/**
 * Hands verified carrier events to the orders that own their tracking numbers: one signal per order
 * per push, carrying only the events the order has not seen, oldest first. Aggregators repeat a
 * shipment's whole history in every push; what the read model's timeline already holds, or this
 * process already signalled, is dropped before Temporal (the workflow drops repeats by event ID too).
 * Numbers no order owns are recorded for ops. One database round trip, then everything at once.
 */
export function dispatchCarrierEvents(
  db: Queryable,
  client: Client,
  options: { eventsPerOrderPerMinute?: number } = {},
): CarrierEventDispatcher {
  const unknownTracking = createUnknownTrackingLog(db);
  const recentlySignalled = new RecentlySignalled();
  const limiter = new CarrierEventLimiter(
    options.eventsPerOrderPerMinute ?? DEFAULT_CARRIER_EVENTS_PER_ORDER_PER_MINUTE,
  );
  return async (events) => {
    if (events.length === 0) return {};
    const owners = await ownersAndKnownEvents(db, events);
    const unknown = events.filter((event) => !owners.orderByNumber.has(event.trackingNumber));
    const { admitted, deferred } = withinOrderRates(
      newEventsByOrder(events, owners, recentlySignalled),
      limiter,
    );
    await Promise.all([
      unknown.length > 0 ? unknownTracking.record(unknown) : undefined,
      ...[...admitted].map(([orderId, orderEvents]) =>
        signalOnce(client, orderId, orderEvents, recentlySignalled),
      ),
    ]);
    return deferred ? { deferred } : {};
  };
}

/**
 * Each order's oldest new events up to its rate; the newer rest is held back, not dropped: the push is
 * answered 429 and delivered again, and what was handed over now is then a known repeat. A storm of
 * scans for one order cannot flood its history, and a real scan is late, never lost.
 */
function withinOrderRates(
  byOrder: Map<string, CarrierTrackingEvent[]>,
  limiter: CarrierEventLimiter,
): { admitted: Map<string, CarrierTrackingEvent[]>; deferred?: DeferredCarrierEvents } {
  const admitted = new Map<string, CarrierTrackingEvent[]>();
  let deferred: DeferredCarrierEvents | undefined;
  for (const [orderId, orderEvents] of byOrder) {
    const oldestFirst = [...orderEvents].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
    const admission = limiter.admit(orderId, oldestFirst.length);
    if (admission.admitted > 0) admitted.set(orderId, oldestFirst.slice(0, admission.admitted));
    const heldBack = oldestFirst.slice(admission.admitted);
    if (heldBack.length === 0) continue;
    for (const event of heldBack) carrierEventsDeferredTotal.inc({ source: event.via });
    deferred = {
      events: (deferred?.events ?? 0) + heldBack.length,
      orderIds: [...(deferred?.orderIds ?? []), orderId],
      retryAfterSeconds: Math.max(deferred?.retryAfterSeconds ?? 1, admission.retryAfterSeconds ?? 1),
    };
  }
  return { admitted, deferred };
}

interface Owners {
  /** Tracking number → the order whose shipment carries it. */
  orderByNumber: Map<string, string>;
  /** `${orderId} ${eventId}` of the push's events the order's timeline already has. */
  known: Set<string>;
}

const key = (orderId: string, eventId: string) => `${orderId}\u0000${eventId}`;

async function ownersAndKnownEvents(db: Queryable, events: CarrierTrackingEvent[]): Promise<Owners> {
  const numbers = [...new Set(events.map((event) => event.trackingNumber))];
  const eventIds = [...new Set(events.map((event) => event.eventId))];
  const orderByNumber = new Map<string, string>();
  const known = new Set<string>();
  for (const owner of await shipmentOwners(db, numbers, eventIds)) {
    orderByNumber.set(owner.trackingNumber, owner.orderId);
    for (const eventId of owner.knownEventIds) known.add(key(owner.orderId, eventId));
  }
  return { orderByNumber, known };
}

/** The events each owning order has seen neither in its read model nor from this process. */
function newEventsByOrder(
  events: CarrierTrackingEvent[],
  owners: Owners,
  recentlySignalled: RecentlySignalled,
): Map<string, CarrierTrackingEvent[]> {
  const byOrder = new Map<string, CarrierTrackingEvent[]>();
  const seen = new Set<string>();
  for (const event of events) {
    const orderId = owners.orderByNumber.get(event.trackingNumber);
    if (!orderId) continue;
    const id = key(orderId, event.eventId);
    if (seen.has(id) || owners.known.has(id) || recentlySignalled.has(orderId, event.eventId)) continue;
    seen.add(id);
    byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), event]);
  }
  return byOrder;
}

async function signalOnce(
  client: Client,
  orderId: string,
  oldestFirst: CarrierTrackingEvent[],
  recentlySignalled: RecentlySignalled,
): Promise<void> {
  try {
    await sendCarrierUpdates(client, orderId, oldestFirst);
    for (const event of oldestFirst) recentlySignalled.add(orderId, event.eventId);
  } catch (error) {
    // The order's workflow has finished (delivered and past its retention, or cancelled):
    // nothing is left to update, and the carrier must not be told to send it again.
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
}
