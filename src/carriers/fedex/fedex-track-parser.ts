import type { CarrierTrackingEvent } from '../../domain/tracking-status';
import { buildTrackingEvent, finishTimeline, formatLocation } from '../build-event';
import { mapFedexStatus } from '../status/fedex-status';
import { toIsoInstant } from '../timestamps';
import type { TrackingLookup } from '../tracking-lookup';
import type { FedexCompleteTrackResult, FedexTrackResult } from './fedex-track-schema';

export const FEDEX_NOT_FOUND = 'TRACKING.TRACKINGNUMBER.NOTFOUND';

/** The carrier's estimate: the estimated window's end, else the ESTIMATED_DELIVERY date, else the standard window. */
export function fedexEstimatedDelivery(result: FedexTrackResult): string | undefined {
  const window = result.estimatedDeliveryTimeWindow?.window;
  const estimated = result.dateAndTimes?.find((entry) => entry.type === 'ESTIMATED_DELIVERY')?.dateTime;
  const standard = result.standardTransitTimeWindow?.window;
  return window?.ends || window?.begins || estimated || standard?.ends || standard?.begins || undefined;
}

/** The scan events of one FedEx track result as normalized events (oldest first). */
export function fedexScanEvents(
  trackingNumber: string,
  result: FedexTrackResult,
  via: CarrierTrackingEvent['via'],
): CarrierTrackingEvent[] {
  const events: CarrierTrackingEvent[] = [];
  for (const scan of result.scanEvents ?? []) {
    const occurredAt = toIsoInstant(scan.date);
    if (!occurredAt) continue; // an undated scan cannot be placed in the timeline
    const code = scan.eventType || scan.derivedStatusCode;
    const description = [scan.eventDescription, scan.exceptionDescription].filter(Boolean).join(': ');
    events.push(
      buildTrackingEvent({
        carrier: 'fedex',
        trackingNumber,
        mapped: mapFedexStatus(code, description || scan.derivedStatus),
        occurredAt,
        via,
        location: formatLocation(
          scan.scanLocation?.city,
          scan.scanLocation?.stateOrProvinceCode,
          scan.scanLocation?.countryCode,
        ),
      }),
    );
  }
  return finishTimeline(events, fedexEstimatedDelivery(result));
}

/** One FedEx CompleteTrackResult (from the Track API or a push) as lookups, one per track result. */
export function parseFedexCompleteTrackResult(
  complete: FedexCompleteTrackResult,
  via: CarrierTrackingEvent['via'],
): TrackingLookup[] {
  return (complete.trackResults ?? []).map((result): TrackingLookup => {
    const trackingNumber = result.trackingNumberInfo?.trackingNumber || complete.trackingNumber || '';
    if (result.error?.code) {
      return {
        found: false,
        carrier: 'fedex',
        trackingNumber,
        carrierCode: result.error.code,
        message: result.error.message ?? '',
      };
    }
    const latest = result.latestStatusDetail;
    const latestMapped = mapFedexStatus(latest?.code || latest?.derivedCode, latest?.description);
    const lookup: TrackingLookup = {
      found: true,
      carrier: 'fedex',
      trackingNumber,
      events: fedexScanEvents(trackingNumber, result, via),
      latestStatus: latestMapped.status,
    };
    if (latestMapped.rawCode) lookup.latestRawCode = latestMapped.rawCode;
    const estimatedDelivery = fedexEstimatedDelivery(result);
    if (estimatedDelivery) lookup.estimatedDelivery = estimatedDelivery;
    return lookup;
  });
}
