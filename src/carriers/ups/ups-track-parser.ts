import type { CarrierTrackingEvent } from '../../domain/tracking-status';
import { buildTrackingEvent, finishTimeline, formatLocation } from '../build-event';
import { mapUpsStatus } from '../status/ups-status';
import { upsDateToIsoDate, upsGmtToIso, upsLocalToIso } from '../timestamps';
import type { TrackingLookup } from '../tracking-lookup';
import type { UpsPackage, UpsTrackResponse } from './ups-track-schema';

export const UPS_NOT_FOUND = 'TW0001';

/** Rescheduled delivery date beats the scheduled one; none once delivered. */
export function upsEstimatedDelivery(pkg: UpsPackage): string | undefined {
  const dates = pkg.deliveryDate ?? [];
  if (dates.some((entry) => entry.type === 'DEL')) return undefined;
  const pick = dates.find((entry) => entry.type === 'RDD') ?? dates.find((entry) => entry.type === 'SDD');
  return upsDateToIsoDate(pick?.date);
}

function packageEvents(trackingNumber: string, pkg: UpsPackage): CarrierTrackingEvent[] {
  const events: CarrierTrackingEvent[] = [];
  for (const activity of pkg.activity ?? []) {
    const occurredAt =
      upsGmtToIso(activity.gmtDate, activity.gmtTime) ??
      upsLocalToIso(activity.date, activity.time, activity.gmtOffset);
    if (!occurredAt) continue;
    const address = activity.location?.address;
    events.push(
      buildTrackingEvent({
        carrier: 'ups',
        trackingNumber,
        mapped: mapUpsStatus(activity.status ?? {}),
        occurredAt,
        via: 'poll',
        location: formatLocation(
          address?.city,
          address?.stateProvince,
          address?.countryCode ?? address?.country,
        ),
      }),
    );
  }
  return finishTimeline(events, upsEstimatedDelivery(pkg));
}

/** The lookup for `inquiryNumber` from a UPS Track API response (TW0001 → not found). */
export function parseUpsTrackResponse(inquiryNumber: string, response: UpsTrackResponse): TrackingLookup {
  const shipment =
    response.trackResponse.shipment.find((candidate) => candidate.inquiryNumber === inquiryNumber) ??
    response.trackResponse.shipment[0];
  const warning = shipment?.warnings?.find((candidate) => candidate.code === UPS_NOT_FOUND);
  const packages = shipment?.package ?? [];
  const pkg = packages.find((candidate) => candidate.trackingNumber === inquiryNumber) ?? packages[0];
  if (warning || !pkg) {
    return {
      found: false,
      carrier: 'ups',
      trackingNumber: inquiryNumber,
      carrierCode: warning?.code ?? UPS_NOT_FOUND,
      message: warning?.message ?? 'no package in the UPS response',
    };
  }
  const current = mapUpsStatus(pkg.currentStatus ?? {});
  const lookup: TrackingLookup = {
    found: true,
    carrier: 'ups',
    trackingNumber: inquiryNumber,
    events: packageEvents(inquiryNumber, pkg),
    latestStatus: current.status,
  };
  if (current.rawCode) lookup.latestRawCode = current.rawCode;
  const estimatedDelivery = upsEstimatedDelivery(pkg);
  if (estimatedDelivery) lookup.estimatedDelivery = estimatedDelivery;
  return lookup;
}
