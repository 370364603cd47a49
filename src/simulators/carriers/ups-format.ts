import { MILESTONES } from './milestones';
import { eventsNewestFirst, isDelivered, type EmittedEvent, type SimulatedShipment } from './shipment';

function ymd(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10).replaceAll('-', '');
}
function hms(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19).replaceAll(':', '');
}

/** One UPS Track API activity; the simulated network runs on GMT, so local and GMT times agree. */
export function upsActivity(event: EmittedEvent) {
  const wording = MILESTONES[event.kind].ups;
  return {
    location: { address: { city: event.city, stateProvince: event.state, countryCode: 'US', country: 'US' } },
    status: {
      type: wording.type,
      description: wording.description,
      code: wording.code,
      statusCode: wording.statusCode,
    },
    date: ymd(event.occurredAt),
    time: hms(event.occurredAt),
    gmtDate: ymd(event.occurredAt),
    gmtOffset: '+00:00',
    gmtTime: hms(event.occurredAt),
  };
}

export function upsTrackResponse(shipment: SimulatedShipment) {
  const activity = eventsNewestFirst(shipment);
  const latest = activity[0];
  const delivered = isDelivered(shipment);
  const scheduled = shipment.estimatedDelivery.replaceAll('-', '');
  const revised = shipment.estimatedDelivery !== shipment.initialEstimatedDelivery;
  const deliveryDate = delivered
    ? [{ type: 'DEL', date: ymd(delivered.occurredAt) }]
    : [{ type: revised ? 'RDD' : 'SDD', date: scheduled }];
  return {
    trackResponse: {
      shipment: [
        {
          inquiryNumber: shipment.trackingNumber,
          package: [
            {
              trackingNumber: shipment.trackingNumber,
              deliveryDate,
              ...(latest
                ? {
                    currentStatus: {
                      ...upsActivity(latest).status,
                      simplifiedTextDescription: MILESTONES[latest.kind].ups.description,
                    },
                  }
                : {}),
              activity: activity.map(upsActivity),
              packageCount: 1,
              service: { code: '003', description: shipment.service },
            },
          ],
        },
      ],
    },
  };
}

export function upsNotFoundResponse(trackingNumber: string) {
  return {
    trackResponse: {
      shipment: [
        {
          inquiryNumber: trackingNumber,
          warnings: [{ code: 'TW0001', message: 'Tracking Information Not Found' }],
        },
      ],
    },
  };
}

/** A Track Alert TrackingEvent push body. */
export function upsTrackAlertBody(shipment: SimulatedShipment, event: EmittedEvent) {
  const wording = MILESTONES[event.kind].ups;
  const delivered = event.kind === 'delivered';
  return {
    trackingNumber: shipment.trackingNumber,
    localActivityDate: ymd(event.occurredAt),
    localActivityTime: hms(event.occurredAt),
    activityLocation: { city: event.city, stateProvince: event.state, country: 'US' },
    activityStatus: {
      type: wording.type,
      code: wording.code,
      description: wording.description,
      descriptionCode: wording.statusCode,
    },
    scheduledDeliveryDate: event.estimatedDelivery.replaceAll('-', ''),
    ...(delivered
      ? { actualDeliveryDate: ymd(event.occurredAt), actualDeliveryTime: hms(event.occurredAt) }
      : {}),
    gmtActivityDate: ymd(event.occurredAt),
    gmtActivityTime: hms(event.occurredAt),
    gmtOffset: '+00.00',
  };
}
