import type { TrackingStatus } from '../../domain/tracking-status';
import { lookupCode, type CodeTable, type MappedStatus } from './status-mapping';

/** UPS package activity types: the coarse status every UPS activity carries. */
export const UPS_ACTIVITY_TYPES: CodeTable = {
  D: { status: 'delivered', description: 'Delivered' },
  // "I" covers both in transit and out for delivery; the status code tells them apart.
  I: { status: 'in_transit', description: 'In Transit, Out for Delivery' },
  M: { status: 'pre_transit', description: 'Billing Information Received' },
  MV: { status: 'cancelled', description: 'Billing Information Voided' },
  X: { status: 'exception', description: 'Exception' },
  // Freight container stations are hand-overs between legs, not the consignee.
  DO: { status: 'in_transit', description: 'Delivered Origin CFS (Freight Only)' },
  DD: { status: 'in_transit', description: 'Delivered Destination CFS (Freight Only)' },
  W: { status: 'in_transit', description: 'Warehousing (Freight Only)' },
  NA: { status: 'unknown', description: 'Not Available' },
  // Updates carry a revised delivery date or time, not a movement.
  U: { status: 'unknown', description: 'Updates (Track Alert API Only)' },
};

const S = (status: TrackingStatus, description: string) => ({ status, description });

/**
 * UPS status / description codes (the `statusCode` of the Track API, `descriptionCode` of Track Alert),
 * which refine the activity type. Keys are the numeric code without leading zeros ("011" → "11").
 * Requests and confirmations of delivery changes leave the package moving, so they stay in transit.
 */
export const UPS_STATUS_CODES: CodeTable = {
  '0': S('unknown', 'Status Not Available'),
  '3': S('pre_transit', 'Shipment Ready for UPS'),
  '5': S('in_transit', 'On the Way'),
  '6': S('out_for_delivery', 'Out for Delivery'),
  '7': S('cancelled', 'Shipment Information Voided'),
  '10': S('in_transit', 'On the Way'),
  '11': S('delivered', 'Delivered'),
  '12': S('in_transit', 'Clearance in Progress'),
  '13': S('exception', 'Exception'),
  '14': S('in_transit', 'Clearance Completed'),
  '16': S('in_transit', 'In Warehouse'),
  '17': S('available_for_pickup', 'Held for Customer Pickup'),
  '18': S('in_transit', 'Delivery Change Requested: Hold for Pickup'),
  '19': S('in_transit', 'Held for Future Delivery'),
  '20': S('in_transit', 'Held for Future Delivery Requested'),
  '21': S('out_for_delivery', 'Out for Delivery'),
  '22': S('delivery_attempted', 'First Attempt Made'),
  '23': S('delivery_attempted', 'Second Delivery Attempted'),
  '24': S('delivery_attempted', 'Final Attempt Made'),
  '25': S('in_transit', 'On the Way'),
  '26': S('delivered', 'Delivered by Local Post Office'),
  '27': S('in_transit', 'Delivery Address Change Requested'),
  '28': S('in_transit', 'Delivery Address Changed'),
  '29': S('exception', 'Exception: Action Required'),
  '30': S('exception', 'Local Post Office Exception'),
  '32': S('exception', 'Adverse Weather May Cause Delay'),
  '33': S('exception', 'Return to Sender Requested'),
  '34': S('returned_to_sender', 'Returned to Sender'),
  '35': S('returned_to_sender', 'Returning to Sender'),
  '36': S('returned_to_sender', 'Returning to Sender: In Transit'),
  '37': S('out_for_delivery', 'Out for Delivery'),
  '38': S('picked_up', 'Picked Up by UPS'),
  '39': S('in_transit', 'On the Way'),
  '40': S('available_for_pickup', 'Ready for Customer Pickup'),
  '41': S('in_transit', 'Service Upgrade Requested'),
  '42': S('in_transit', 'Service Upgraded'),
  '43': S('pre_transit', 'Voided Pickup'),
  '44': S('picked_up', 'On the Way to UPS'),
  '45': S('picked_up', 'On the Way to UPS'),
  '46': S('exception', 'Delay'),
  '47': S('in_transit', 'On the Way'),
  '48': S('exception', 'Delay'),
  '49': S('exception', 'Delay: Action Required'),
  '50': S('exception', 'Address Information Required'),
  '51': S('exception', 'Delay: Emergency Situation or Severe Weather'),
  '52': S('exception', 'Delay: Severe Weather'),
  '53': S('exception', 'Delay: Severe Weather'),
  '54': S('in_transit', 'Delivery Change Requested'),
  '55': S('exception', 'Rescheduled Delivery'),
  '56': S('in_transit', 'Service Upgrade Requested'),
  '57': S('in_transit', 'On the Way to a Local UPS Access Point'),
  '58': S('exception', 'Clearance Information Required'),
  '59': S('exception', 'Damage Reported'),
  '60': S('delivery_attempted', 'Delivery Attempted'),
  '61': S('delivery_attempted', 'Delivery Attempted: Adult Signature Required'),
  '62': S('delivery_attempted', 'Delivery Attempted: Funds Required'),
  '63': S('in_transit', 'Delivery Change Completed'),
  '64': S('delivery_failed', 'Delivery Refused'),
  '65': S('pre_transit', 'Pickup Attempted'),
  '66': S('delivery_attempted', 'Post Office Delivery Attempted'),
  '67': S('returned_to_sender', 'Returned to Sender by Post Office'),
  '68': S('delivery_failed', 'Sent to Lost and Found'),
  '69': S('delivery_failed', 'Unable to Deliver'),
  '70': S('in_transit', 'Package not at UPS Access Point yet'),
  '71': S('in_transit', 'Preparing for Delivery'),
  '72': S('out_for_delivery', 'Loaded on Delivery Vehicle'),
  '73': S('in_transit', 'In Transit to UPS Delivery Partner'),
  '74': S('in_transit', 'UPS Delivery Partner has Shipment'),
  '75': S('in_transit', 'Scheduled for Delivery'),
  '76': S('exception', 'UPS Delivery Partner Exception'),
  '77': S('pre_transit', 'Scheduled for Pickup Today'),
  '78': S('out_for_delivery', 'Your Driver is Arriving Soon!'),
  '79': S('pre_transit', 'Order Processed: In Transit to UPS'),
  '80': S('pre_transit', 'Order Processed: Ready for UPS'),
  '81': S('returned_to_sender', 'Returned - Damage Reported'),
  '82': S('in_transit', 'Delivery Instructions Received'),
  '83': S('exception', 'Held'),
  '84': S('in_transit', 'Cleared'),
  '85': S('exception', 'Held for COD Payment'),
  '86': S('exception', 'Delay'),
  '87': S('in_transit', 'On the Way'),
  '88': S('unknown', 'Test'),
  '89': S('out_for_delivery', 'Out for Delivery'),
  '90': S('exception', 'Delay'),
  '91': S('out_for_delivery', 'Out for Delivery'),
  '92': S('in_transit', 'Customs Clearance in Progress'),
  '93': S('exception', 'Premier Recovery In Progress'),
  '94': S('in_transit', 'Premier Recovery Completed'),
  '95': S('in_transit', 'Additional Attempt Requested'),
  '96': S('in_transit', 'Address Change Confirmed'),
  '97': S('in_transit', 'Address Change Requested'),
  '98': S('in_transit', 'Deliver to Original Address Requested'),
  '99': S('in_transit', 'Deliver to Original Address Confirmed'),
  '100': S('in_transit', 'Hold at UPS Access Point Confirmed'),
  '101': S('in_transit', 'Hold at UPS Access Point Requested'),
  '102': S('in_transit', 'Hold for Courier Requested'),
  '103': S('in_transit', 'Hold for Courier Confirmed'),
  '104': S('in_transit', 'Hold for Instructions Confirmed'),
  '105': S('in_transit', 'Hold for Instructions Requested'),
  '106': S('in_transit', 'Hold for Pickup Confirmed'),
  '107': S('in_transit', 'Hold for Pickup Requested'),
  '108': S('in_transit', 'Hold for Pickup Today Confirmed'),
  '109': S('in_transit', 'Hold for Pickup Today Requested'),
  '110': S('in_transit', 'Refrigeration Confirmed'),
  '111': S('in_transit', 'Refrigeration Requested'),
  '112': S('in_transit', 'Re-Ice Confirmed'),
  '113': S('in_transit', 'Re-Ice Requested'),
  '114': S('in_transit', 'Request Canceled'),
  '115': S('in_transit', 'Reschedule Delivery Confirmed'),
  '116': S('in_transit', 'Reschedule Delivery Requested'),
  '117': S('in_transit', 'Return by Saturday Confirmed'),
  '118': S('returned_to_sender', 'Return to Sender Confirmed'),
  '119': S('exception', 'Return to Sender Requested'),
  '120': S('in_transit', 'Saturday Delivery Confirmed'),
  '121': S('in_transit', 'Saturday Delivery Requested'),
  '122': S('in_transit', 'Upgrade Confirmed'),
  '123': S('exception', 'Pending Release From Non-UPS Broker'),
  '124': S('exception', 'Clearance Information Needed'),
  '125': S('exception', 'Clearance Information Needed'),
  '126': S('exception', 'Pending Government Agency Release'),
  // Investigation and claim notices are paperwork about the package, not a movement of it.
  '127': S('unknown', 'Investigation Closed'),
  '128': S('unknown', 'Investigation Canceled'),
  '129': S('exception', 'Investigation Opened'),
  '130': S('exception', 'Claim in Progress'),
  '131': S('pre_transit', 'Final Pickup Attempted'),
  '132': S('exception', 'Airport Security Delay'),
  '133': S('unknown', 'Return Label Left With Customer'),
  '134': S('in_transit', 'Cleared Import Customs'),
  '135': S('pre_transit', 'Second Pickup Attempted'),
  '136': S('in_transit', 'Delivery Rescheduled for Saturday'),
  '137': S('in_transit', 'Transferred to UPS Delivery Partner'),
  '138': S('in_transit', 'Awaiting Scheduled Departure'),
  '139': S('exception', 'Security Access Required'),
  '140': S('delivery_failed', 'Claim Paid - Claim Payment Has Been Processed.'),
  '141': S('exception', 'Incomplete Documentation Received'),
  '142': S('unknown', 'Claim Voided'),
  '143': S('delivered', 'Delivered to Agent'),
  '144': S('available_for_pickup', 'Delivered to Post Office for Pickup'),
  '145': S('delivery_attempted', 'Delivery Attempted'),
  '146': S('out_for_delivery', 'Out for Delivery'),
  '147': S('delivery_failed', 'Seized by Law Enforcement, No Longer in UPS possession'),
  '148': S('unknown', 'Package Information Unavailable'),
  '149': S('delivery_failed', 'Prohibited Contents, Package Destroyed No Longer in UPS possession'),
  '153': S('unknown', 'Updated Delivery Time'),
  '154': S('unknown', 'Updated Delivery Date'),
  '155': S('delivered', 'Delivery Photo'),
  '156': S('delivered', 'Commercial Inside Release'),
  '157': S('pre_transit', 'Shipment Ready for UPS'),
  '158': S('in_transit', 'On the Way'),
  '159': S('in_transit', 'On the Way'),
  '160': S('picked_up', 'We Have Your Package'),
  '161': S('available_for_pickup', 'Delivered to UPS Access Point'),
  '162': S('out_for_delivery', 'Out for Delivery'),
  '163': S('unknown', 'Package Information Unavailable'),
  '164': S('in_transit', 'On the Way'),
  '165': S('in_transit', 'On the Way'),
  '166': S('pre_transit', 'Shipment Ready for Roadie'),
  '167': S('picked_up', 'Dropped off at UPS Store by Customer'),
  '168': S('picked_up', 'Dropped off at Retail Location by Customer'),
  '169': S('picked_up', 'Dropped off at a UPS Access Point by Customer'),
};

export interface UpsStatusFields {
  /** Activity type: D, I, M, MV, X, U, ... */
  type?: string;
  /** Status / description code, often zero-padded ("011"). */
  statusCode?: string;
  /** The two-character activity code ("FS", "OT", ...): kept as the raw code. */
  code?: string;
  description?: string;
}

/** Normalizes a status code for lookup: "011" → "11", "0" stays "0"; non-numeric codes stay as given. */
export function upsStatusCodeKey(statusCode: string): string {
  const trimmed = statusCode.trim();
  return /^\d+$/.test(trimmed) ? String(Number.parseInt(trimmed, 10)) : trimmed;
}

/**
 * Maps a UPS activity: the status code decides when UPS gives one we know, else the activity type.
 * The raw code kept is UPS's two-character activity code (falling back to the status code, then type),
 * the one both the Track API and Track Alert report for the same scan.
 */
export function mapUpsStatus(fields: UpsStatusFields): MappedStatus {
  const byCode = fields.statusCode
    ? lookupCode(UPS_STATUS_CODES, upsStatusCodeKey(fields.statusCode))
    : undefined;
  const byType = lookupCode(UPS_ACTIVITY_TYPES, fields.type?.trim().toUpperCase());
  const meaning = byCode ?? byType;
  const rawCode = fields.code?.trim() || fields.statusCode?.trim() || fields.type?.trim() || '';
  return {
    status: meaning?.status ?? 'unknown',
    rawCode,
    rawDescription: fields.description?.trim() || meaning?.description || '',
  };
}
