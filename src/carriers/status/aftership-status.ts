import type { TrackingStatus } from '../../domain/tracking-status';
import { lookupCode, type CodeTable, type MappedStatus } from './status-mapping';

/** AfterShip delivery status tags. */
export const AFTERSHIP_TAGS: CodeTable = {
  Pending: { status: 'pre_transit', description: 'Pending' },
  InfoReceived: { status: 'pre_transit', description: 'Info Received' },
  InTransit: { status: 'in_transit', description: 'In Transit' },
  OutForDelivery: { status: 'out_for_delivery', description: 'Out for Delivery' },
  AttemptFail: { status: 'delivery_attempted', description: 'Failed Attempt' },
  Delivered: { status: 'delivered', description: 'Delivered' },
  AvailableForPickup: { status: 'available_for_pickup', description: 'Available for Pickup' },
  Exception: { status: 'exception', description: 'Exception' },
  // Expired means AfterShip stopped hearing from the carrier: it says nothing new about the package.
  Expired: { status: 'unknown', description: 'Expired' },
};

/** Sub-statuses whose meaning differs from their tag's; any other subtag falls back to its tag. */
export const AFTERSHIP_SUBTAG_OVERRIDES: Readonly<Record<string, TrackingStatus>> = {
  InTransit_002: 'picked_up', // acceptance scan
  Exception_003: 'delivery_failed', // customer refused delivery
  Exception_010: 'returned_to_sender', // returning to sender
  Exception_011: 'returned_to_sender', // returned to sender
  Exception_013: 'delivery_failed', // shipment lost
};

/** Maps an AfterShip tag + subtag ("InTransit" + "InTransit_007"). Unknown tags become 'unknown'. */
export function mapAfterShipStatus(tag: string | undefined, subtag?: string | null): TrackingStatus {
  const sub = subtag?.trim();
  if (sub && Object.prototype.hasOwnProperty.call(AFTERSHIP_SUBTAG_OVERRIDES, sub)) {
    return AFTERSHIP_SUBTAG_OVERRIDES[sub] ?? 'unknown';
  }
  const tagName = tag?.trim() || sub?.split('_')[0];
  return lookupCode(AFTERSHIP_TAGS, tagName)?.status ?? 'unknown';
}

/** An AfterShip checkpoint keeps the carrier's raw tag when the plan includes it; else the subtag. */
export function mapAfterShipCheckpoint(checkpoint: {
  tag?: string;
  subtag?: string | null;
  raw_tag?: string | null;
  message?: string | null;
  subtag_message?: string | null;
}): MappedStatus {
  return {
    status: mapAfterShipStatus(checkpoint.tag, checkpoint.subtag),
    rawCode: checkpoint.raw_tag?.trim() || checkpoint.subtag?.trim() || checkpoint.tag?.trim() || '',
    rawDescription: checkpoint.message?.trim() || checkpoint.subtag_message?.trim() || '',
  };
}
