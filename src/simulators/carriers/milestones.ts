/**
 * How each simulated moment of a parcel's journey reads in every carrier's and aggregator's own
 * vocabulary. Codes are the real ones from the carriers' tables.
 */
export const MILESTONE_KINDS = [
  'label_created',
  'picked_up',
  'arrived_at_facility',
  'departed_facility',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'weather_exception',
  'delay',
  'attempt_1',
  'attempt_2',
  'attempt_final',
  'returning_to_sender',
  'returned_to_sender',
] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

export interface MilestoneWording {
  fedex: { eventType: string; description: string; exceptionDescription?: string };
  ups: { type: string; code: string; statusCode: string; description: string };
  easypost: { status: string; statusDetail: string; message: string };
  aftership: { tag: string; subtag: string; message: string };
}

export const MILESTONES: Readonly<Record<MilestoneKind, MilestoneWording>> = {
  label_created: {
    fedex: { eventType: 'OC', description: 'Shipment information sent to FedEx' },
    ups: {
      type: 'M',
      code: 'MP',
      statusCode: '003',
      description: 'Shipper created a label, UPS has not received the package yet.',
    },
    easypost: {
      status: 'pre_transit',
      statusDetail: 'label_created',
      message: 'Shipment information sent to carrier',
    },
    aftership: { tag: 'InfoReceived', subtag: 'InfoReceived_001', message: 'Shipment information received' },
  },
  picked_up: {
    fedex: { eventType: 'PU', description: 'Picked up' },
    ups: { type: 'I', code: 'PU', statusCode: '038', description: 'Pickup Scan' },
    easypost: { status: 'in_transit', statusDetail: 'received_at_origin_facility', message: 'Picked up' },
    aftership: { tag: 'InTransit', subtag: 'InTransit_002', message: 'Picked up' },
  },
  arrived_at_facility: {
    fedex: { eventType: 'AR', description: 'Arrived at FedEx location' },
    ups: { type: 'I', code: 'AR', statusCode: '005', description: 'Arrived at Facility' },
    easypost: { status: 'in_transit', statusDetail: 'arrived_at_facility', message: 'Arrived at facility' },
    aftership: { tag: 'InTransit', subtag: 'InTransit_003', message: 'Arrival scan' },
  },
  departed_facility: {
    fedex: { eventType: 'DP', description: 'Departed FedEx location' },
    ups: { type: 'I', code: 'DP', statusCode: '005', description: 'Departed from Facility' },
    easypost: { status: 'in_transit', statusDetail: 'departed_facility', message: 'Departed facility' },
    aftership: { tag: 'InTransit', subtag: 'InTransit_007', message: 'Departure scan' },
  },
  in_transit: {
    fedex: { eventType: 'IT', description: 'On the way' },
    ups: { type: 'I', code: 'AG', statusCode: '005', description: 'On the Way' },
    easypost: { status: 'in_transit', statusDetail: 'in_transit', message: 'On the way' },
    aftership: { tag: 'InTransit', subtag: 'InTransit_001', message: 'In transit' },
  },
  out_for_delivery: {
    fedex: { eventType: 'OD', description: 'On FedEx vehicle for delivery' },
    ups: { type: 'I', code: 'OT', statusCode: '021', description: 'Out for Delivery' },
    easypost: { status: 'out_for_delivery', statusDetail: 'out_for_delivery', message: 'Out for delivery' },
    aftership: { tag: 'OutForDelivery', subtag: 'OutForDelivery_001', message: 'Out for delivery' },
  },
  delivered: {
    fedex: { eventType: 'DL', description: 'Delivered' },
    ups: { type: 'D', code: 'FS', statusCode: '011', description: 'Delivered' },
    easypost: { status: 'delivered', statusDetail: 'arrived_at_destination', message: 'Delivered' },
    aftership: { tag: 'Delivered', subtag: 'Delivered_001', message: 'Delivered' },
  },
  weather_exception: {
    fedex: {
      eventType: 'SE',
      description: 'Shipment exception',
      exceptionDescription: 'Severe weather delay',
    },
    ups: { type: 'X', code: 'CR', statusCode: '052', description: 'Delay: Severe Weather' },
    easypost: { status: 'in_transit', statusDetail: 'weather_delay', message: 'Severe weather delay' },
    aftership: { tag: 'Exception', subtag: 'Exception_005', message: 'Delayed by severe weather' },
  },
  delay: {
    fedex: {
      eventType: 'DD',
      description: 'Delivery delay',
      exceptionDescription: 'Package missed a scheduled connection',
    },
    ups: { type: 'X', code: 'EK', statusCode: '046', description: 'Package Missed Scheduled Connection' },
    easypost: { status: 'in_transit', statusDetail: 'delayed', message: 'Delivery delayed' },
    aftership: { tag: 'Exception', subtag: 'Exception_005', message: 'Delivery delayed' },
  },
  attempt_1: {
    fedex: {
      eventType: 'DE',
      description: 'Delivery exception',
      exceptionDescription: 'Customer not available or business closed',
    },
    ups: { type: 'X', code: 'CI', statusCode: '022', description: 'First Attempt Made' },
    easypost: { status: 'in_transit', statusDetail: 'attempted_delivery', message: 'Delivery attempted' },
    aftership: { tag: 'AttemptFail', subtag: 'AttemptFail_002', message: 'Addressee not available' },
  },
  attempt_2: {
    fedex: {
      eventType: 'DE',
      description: 'Delivery exception',
      exceptionDescription: 'Customer not available or business closed',
    },
    ups: { type: 'X', code: 'CI', statusCode: '023', description: 'Second Delivery Attempted' },
    easypost: {
      status: 'in_transit',
      statusDetail: 'attempted_delivery',
      message: 'Second delivery attempt',
    },
    aftership: { tag: 'AttemptFail', subtag: 'AttemptFail_002', message: 'Addressee not available' },
  },
  attempt_final: {
    fedex: {
      eventType: 'DE',
      description: 'Delivery exception',
      exceptionDescription: 'Final delivery attempt failed',
    },
    ups: { type: 'X', code: 'CI', statusCode: '024', description: 'Final Attempt Made' },
    easypost: { status: 'in_transit', statusDetail: 'attempted_delivery', message: 'Final delivery attempt' },
    aftership: { tag: 'AttemptFail', subtag: 'AttemptFail_001', message: 'Final delivery attempt failed' },
  },
  returning_to_sender: {
    fedex: { eventType: 'RS', description: 'Return to shipper' },
    ups: { type: 'X', code: 'RS', statusCode: '035', description: 'Returning to Sender' },
    easypost: { status: 'return_to_sender', statusDetail: 'return', message: 'Returning to sender' },
    aftership: { tag: 'Exception', subtag: 'Exception_010', message: 'Returning to sender' },
  },
  returned_to_sender: {
    fedex: { eventType: 'RS', description: 'Returned to shipper' },
    ups: { type: 'X', code: 'B0', statusCode: '034', description: 'Package Delivered To Original Sender' },
    easypost: { status: 'return_to_sender', statusDetail: 'return', message: 'Returned to sender' },
    aftership: { tag: 'Exception', subtag: 'Exception_011', message: 'Returned to sender' },
  },
};
