import type { TrackingStatus } from '../../domain/tracking-status';
import { lookupCode, type CodeTable, type MappedStatus } from './status-mapping';

/** EasyPost tracker / tracking detail `status`. */
export const EASYPOST_STATUSES: CodeTable = {
  unknown: { status: 'unknown', description: 'Unknown' },
  pre_transit: { status: 'pre_transit', description: 'Pre-transit' },
  in_transit: { status: 'in_transit', description: 'In transit' },
  out_for_delivery: { status: 'out_for_delivery', description: 'Out for delivery' },
  delivered: { status: 'delivered', description: 'Delivered' },
  available_for_pickup: { status: 'available_for_pickup', description: 'Available for pickup' },
  return_to_sender: { status: 'returned_to_sender', description: 'Return to sender' },
  failure: { status: 'delivery_failed', description: 'Failure' },
  cancelled: { status: 'cancelled', description: 'Cancelled' },
  // "error" is EasyPost failing to reach the carrier, not news about the package.
  error: { status: 'unknown', description: 'Error' },
};

/**
 * `status_detail` values that say more than the status does. Details that only restate the status
 * (arrived_at_facility, departed_facility, label_created, ...) are absent on purpose: the status decides.
 */
const DETAIL_OVERRIDES: Readonly<Record<string, TrackingStatus>> = {
  address_correction: 'exception',
  awaiting_information: 'exception',
  damaged: 'exception',
  delayed: 'exception',
  delivery_exception: 'exception',
  held: 'exception',
  missorted: 'exception',
  transit_exception: 'exception',
  weather_delay: 'exception',
  lost: 'delivery_failed',
  refused: 'delivery_failed',
  return: 'returned_to_sender',
  cancelled: 'cancelled',
  arrived_at_pickup_location: 'available_for_pickup',
  attempted_delivery: 'delivery_attempted',
};

/** Every `status_detail` EasyPost documents; the ones not in DETAIL_OVERRIDES keep the status' meaning. */
export const EASYPOST_STATUS_DETAILS = [
  'address_correction',
  'arrived_at_destination',
  'arrived_at_facility',
  'arrived_at_pickup_location',
  'attempted_delivery',
  'awaiting_information',
  'cancelled',
  'damaged',
  'delayed',
  'delivery_exception',
  'departed_facility',
  'departed_origin_facility',
  'expired',
  'failure',
  'held',
  'in_transit',
  'label_created',
  'lost',
  'missorted',
  'out_for_delivery',
  'received_at_destination_facility',
  'received_at_origin_facility',
  'refused',
  'return',
  'status_update',
  'transferred_to_destination_carrier',
  'transit_exception',
  'unknown',
  'weather_delay',
] as const;

/**
 * Maps an EasyPost status + status_detail. A detail refines in-flight statuses only: a package that is
 * delivered, returned, failed or cancelled stays so whatever the detail says.
 */
export function mapEasyPostStatus(status: string | undefined, statusDetail?: string | null): TrackingStatus {
  const base = lookupCode(EASYPOST_STATUSES, status?.trim())?.status ?? 'unknown';
  const refinable =
    base === 'in_transit' || base === 'pre_transit' || base === 'out_for_delivery' || base === 'unknown';
  const detail = statusDetail?.trim();
  if (refinable && detail && Object.prototype.hasOwnProperty.call(DETAIL_OVERRIDES, detail)) {
    return DETAIL_OVERRIDES[detail] ?? base;
  }
  return base;
}

/** The EasyPost tracking detail keeps the underlying carrier's code; that is the raw code we store. */
export function mapEasyPostDetail(detail: {
  status?: string;
  status_detail?: string | null;
  carrier_code?: string | null;
  message?: string | null;
  description?: string | null;
}): MappedStatus {
  const fallbackCode = [detail.status, detail.status_detail].filter(Boolean).join('.');
  return {
    status: mapEasyPostStatus(detail.status, detail.status_detail),
    rawCode: detail.carrier_code?.trim() || fallbackCode,
    rawDescription: detail.message?.trim() || detail.description?.trim() || '',
  };
}
