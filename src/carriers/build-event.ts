import type { Carrier, CarrierTrackingEvent } from '../domain/tracking-status';
import { trackingEventId } from './event-id';
import type { MappedStatus } from './status/status-mapping';

export interface EventParts {
  carrier: Carrier;
  trackingNumber: string;
  mapped: MappedStatus;
  /** UTC ISO instant of the scan. */
  occurredAt: string;
  via: CarrierTrackingEvent['via'];
  location?: string;
  estimatedDelivery?: string;
  providerEventId?: string;
}

/** Assembles a normalized event with its stable ID. */
export function buildTrackingEvent(parts: EventParts): CarrierTrackingEvent {
  const event: CarrierTrackingEvent = {
    eventId: trackingEventId({
      carrier: parts.carrier,
      trackingNumber: parts.trackingNumber,
      code: parts.mapped.rawCode,
      occurredAt: parts.occurredAt,
      providerEventId: parts.providerEventId,
    }),
    carrier: parts.carrier,
    trackingNumber: parts.trackingNumber,
    status: parts.mapped.status,
    occurredAt: parts.occurredAt,
    rawCode: parts.mapped.rawCode,
    rawDescription: parts.mapped.rawDescription,
    via: parts.via,
  };
  if (parts.location) event.location = parts.location;
  if (parts.estimatedDelivery) event.estimatedDelivery = parts.estimatedDelivery;
  return event;
}

/** "CITY, ST, US" from whatever parts a carrier gave. */
export function formatLocation(...parts: Array<string | null | undefined>): string | undefined {
  const present = parts.map((part) => part?.trim()).filter((part): part is string => Boolean(part));
  return present.length > 0 ? present.join(', ') : undefined;
}

/** Sorts oldest first and puts the carrier's current estimated delivery on the newest event. */
export function finishTimeline(
  events: CarrierTrackingEvent[],
  estimatedDelivery?: string,
): CarrierTrackingEvent[] {
  const sorted = [...events].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  const newest = sorted[sorted.length - 1];
  if (newest && estimatedDelivery && !newest.estimatedDelivery) {
    sorted[sorted.length - 1] = { ...newest, estimatedDelivery };
  }
  return sorted;
}
