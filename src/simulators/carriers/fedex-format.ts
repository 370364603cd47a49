import { MILESTONES } from './milestones';
import { eventsNewestFirst, isDelivered, type EmittedEvent, type SimulatedShipment } from './shipment';

/** One scan in FedEx's ScanEvent shape. */
export function fedexScanEvent(event: EmittedEvent) {
  const wording = MILESTONES[event.kind].fedex;
  return {
    date: new Date(event.occurredAt).toISOString().replace('.000Z', '+00:00'),
    eventType: wording.eventType,
    eventDescription: wording.description,
    ...(wording.exceptionDescription
      ? { exceptionDescription: wording.exceptionDescription, exceptionCode: '08' }
      : {}),
    derivedStatusCode: wording.eventType,
    derivedStatus: wording.description,
    scanLocation: {
      city: event.city,
      stateOrProvinceCode: event.state,
      countryCode: 'US',
      residential: false,
    },
    locationType: 'FEDEX_FACILITY' as const,
  };
}

/** FedEx TrackResult for a shipment, listing `scans` (all of them for the Track API, the new one for a push). */
export function fedexTrackResult(
  shipment: SimulatedShipment,
  scans: EmittedEvent[] = eventsNewestFirst(shipment),
) {
  const latest = eventsNewestFirst(shipment)[0];
  const delivered = isDelivered(shipment);
  const latestWording = latest ? MILESTONES[latest.kind].fedex : undefined;
  return {
    trackingNumberInfo: { trackingNumber: shipment.trackingNumber, carrierCode: 'FDXE' as const },
    ...(latestWording && latest
      ? {
          latestStatusDetail: {
            code: latestWording.eventType,
            derivedCode: latestWording.eventType,
            statusByLocale: latestWording.description,
            description: latestWording.description,
            scanLocation: { city: latest.city, stateOrProvinceCode: latest.state, countryCode: 'US' },
          },
        }
      : {}),
    serviceDetail: { type: shipment.service, description: shipment.service },
    dateAndTimes: delivered
      ? [{ type: 'ACTUAL_DELIVERY' as const, dateTime: new Date(delivered.occurredAt).toISOString() }]
      : [{ type: 'ESTIMATED_DELIVERY' as const, dateTime: `${shipment.estimatedDelivery}T23:59:59+00:00` }],
    ...(delivered
      ? {}
      : {
          estimatedDeliveryTimeWindow: {
            window: {
              begins: `${shipment.estimatedDelivery}T08:00:00+00:00`,
              ends: `${shipment.estimatedDelivery}T20:00:00+00:00`,
            },
          },
        }),
    scanEvents: scans.map(fedexScanEvent),
  };
}

export function fedexNotFoundResult(trackingNumber: string) {
  return {
    trackingNumberInfo: { trackingNumber },
    error: {
      code: 'TRACKING.TRACKINGNUMBER.NOTFOUND',
      message: 'Tracking number cannot be found. Please correct the tracking number and try again.',
    },
  };
}
