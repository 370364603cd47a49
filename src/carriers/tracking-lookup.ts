import type { CarrierTrackingEvent, Carrier, TrackingStatus } from '../domain/tracking-status';

/** What a carrier's tracking API knows about one number. */
export type TrackingLookup = TrackingFound | TrackingNotFound;

export interface TrackingFound {
  found: true;
  carrier: Carrier;
  trackingNumber: string;
  /** Scan events, oldest first, each with its stable event ID. */
  events: CarrierTrackingEvent[];
  /** The carrier's latest status of the package (may be newer than the last scan, e.g. label created). */
  latestStatus: TrackingStatus;
  latestRawCode?: string;
  /** Carrier's estimated delivery: ISO date or date-time. */
  estimatedDelivery?: string;
}

/** The carrier does not (yet) know the number: an answer, not a failure. */
export interface TrackingNotFound {
  found: false;
  carrier: Carrier;
  trackingNumber: string;
  /** The carrier's code, e.g. TRACKING.TRACKINGNUMBER.NOTFOUND or TW0001. */
  carrierCode: string;
  message: string;
}
