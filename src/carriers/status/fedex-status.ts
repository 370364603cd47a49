import { lookupCode, type CodeTable, type MappedStatus } from './status-mapping';

/**
 * Every FedEx tracking status / scan event code (the "Movement" and "Regulatory" groups of FedEx's
 * code table). The table's third group, "Possession", names who holds the package, not a status.
 * Return-label notices (RP, LP, RG, RD) concern a separate return label, so they move nothing.
 */
export const FEDEX_STATUS_CODES: CodeTable = {
  AA: { status: 'in_transit', description: 'At Airport' },
  AC: { status: 'in_transit', description: 'At Canada Post facility' },
  AD: { status: 'out_for_delivery', description: 'At Delivery' },
  AF: { status: 'in_transit', description: 'At local FedEx Facility' },
  AO: { status: 'in_transit', description: 'Shipment arriving On-time' },
  AP: { status: 'pre_transit', description: 'At Pickup' },
  AR: { status: 'in_transit', description: 'Arrived at FedEx location' },
  AX: { status: 'in_transit', description: 'At USPS facility' },
  CA: { status: 'cancelled', description: 'Shipment Cancelled' },
  CH: { status: 'in_transit', description: 'Location Changed' },
  DD: { status: 'exception', description: 'Delivery Delay' },
  DE: { status: 'exception', description: 'Delivery Exception' },
  DL: { status: 'delivered', description: 'Delivered' },
  DP: { status: 'in_transit', description: 'Departed' },
  DR: { status: 'pre_transit', description: 'Vehicle furnished but not used' },
  DS: { status: 'pre_transit', description: 'Vehicle Dispatched' },
  DY: { status: 'exception', description: 'Delay' },
  // EA is both "Enroute to Airport" (movement) and "Export Approved" (regulatory); both mean moving on.
  EA: { status: 'in_transit', description: 'Enroute to Airport' },
  ED: { status: 'out_for_delivery', description: 'Enroute to Delivery' },
  EO: { status: 'in_transit', description: 'Enroute to Origin Airport' },
  EP: { status: 'pre_transit', description: 'Enroute to Pickup' },
  FD: { status: 'in_transit', description: 'At FedEx Destination' },
  HL: { status: 'available_for_pickup', description: 'Hold at Location' },
  HP: { status: 'available_for_pickup', description: 'Ready for Recipient Pickup' },
  IT: { status: 'in_transit', description: 'In Transit' },
  IX: { status: 'in_transit', description: 'In transit (see Details)' },
  LO: { status: 'in_transit', description: 'Left Origin' },
  OC: { status: 'pre_transit', description: 'Order Created' },
  OD: { status: 'out_for_delivery', description: 'Out for Delivery' },
  OF: { status: 'in_transit', description: 'At FedEx origin facility' },
  OW: { status: 'in_transit', description: 'On the way' },
  OX: { status: 'in_transit', description: 'Shipment information sent to USPS' },
  PD: { status: 'exception', description: 'Pickup Delay' },
  PF: { status: 'in_transit', description: 'Plane in Flight' },
  PL: { status: 'in_transit', description: 'Plane Landed' },
  PM: { status: 'in_transit', description: 'In Progress' },
  PU: { status: 'picked_up', description: 'Picked Up' },
  PX: { status: 'picked_up', description: 'Picked up (see Details)' },
  RR: { status: 'in_transit', description: 'CDO requested' },
  RM: { status: 'in_transit', description: 'CDO Modified' },
  RC: { status: 'in_transit', description: 'CDO Cancelled' },
  RS: { status: 'returned_to_sender', description: 'Return to Shipper' },
  RP: { status: 'unknown', description: 'Return label link emailed to return sender' },
  LP: { status: 'unknown', description: 'Return label link cancelled by shipment originator' },
  RG: { status: 'unknown', description: 'Return label link expiring soon' },
  RD: { status: 'unknown', description: 'Return label link expired' },
  SE: { status: 'exception', description: 'Shipment Exception' },
  SF: { status: 'in_transit', description: 'At Sort Facility' },
  SP: { status: 'in_transit', description: 'Split Status' },
  TR: { status: 'in_transit', description: 'Transfer' },
  CC: { status: 'in_transit', description: 'Cleared Customs' },
  CD: { status: 'exception', description: 'Clearance Delay' },
  CP: { status: 'in_transit', description: 'Clearance in Progress' },
};

/** Maps a FedEx event type / status code; codes are matched case-insensitively ("Ow" is listed so). */
export function mapFedexStatus(code: string | undefined, description?: string): MappedStatus {
  const raw = (code ?? '').trim();
  const meaning = lookupCode(FEDEX_STATUS_CODES, raw.toUpperCase());
  return {
    status: meaning?.status ?? 'unknown',
    rawCode: raw,
    rawDescription: description?.trim() || meaning?.description || '',
  };
}
