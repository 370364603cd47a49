/**
 * The one normalized tracking status set that every carrier and aggregator maps into.
 * The raw carrier code and description always travel with it.
 */
export const TRACKING_STATUSES = [
  'pre_transit',
  'picked_up',
  'in_transit',
  'out_for_delivery',
  'available_for_pickup',
  'delivery_attempted',
  'delivered',
  'exception',
  'delivery_failed',
  'returned_to_sender',
  'cancelled',
  'unknown',
] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

export const CARRIERS = ['ups', 'fedex'] as const;
export type Carrier = (typeof CARRIERS)[number];

/** A carrier scan or status push, already normalized, as the order workflow receives it. */
export interface CarrierTrackingEvent {
  /** Stable ID: the provider's event ID where one exists, else a hash of its content. */
  eventId: string;
  carrier: Carrier;
  trackingNumber: string;
  status: TrackingStatus;
  /** The carrier's own timestamp of the scan (ISO 8601). */
  occurredAt: string;
  rawCode: string;
  rawDescription: string;
  location?: string;
  /** Revised estimated delivery (ISO date or date-time), when the carrier gives one. */
  estimatedDelivery?: string;
  /** Where the event came from: a carrier webhook, an aggregator, or polling. */
  via: 'fedex' | 'ups' | 'easypost' | 'aftership' | 'poll';
}
