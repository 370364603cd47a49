import { randomUUID } from 'node:crypto';
import { MILESTONES } from './milestones';
import { eventsNewestFirst, isDelivered, type SimulatedShipment } from './shipment';

const CARRIER_NAMES = { fedex: 'FedEx', ups: 'UPS' } as const;

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** An EasyPost tracker.updated Event carrying the whole tracker, shaped like EasyPost's own. */
export function easyPostTrackerUpdated(
  shipment: SimulatedShipment,
  now: number,
  previousStatus: string | undefined,
) {
  const details = [...eventsNewestFirst(shipment)].reverse();
  const latest = eventsNewestFirst(shipment)[0];
  const latestWording = latest ? MILESTONES[latest.kind].easypost : undefined;
  const delivered = isDelivered(shipment);
  const trackerId = `trk_${shipment.trackingNumber.toLowerCase()}`;
  return {
    description: 'tracker.updated',
    mode: 'test',
    previous_attributes: previousStatus ? { status: previousStatus } : {},
    created_at: iso(now),
    pending_urls: [],
    completed_urls: [],
    updated_at: iso(now),
    id: `evt_${randomUUID().replaceAll('-', '')}`,
    user_id: 'user_simulator',
    status: 'pending',
    object: 'Event',
    result: {
      id: trackerId,
      object: 'Tracker',
      mode: 'test',
      tracking_code: shipment.trackingNumber,
      status: latestWording?.status ?? 'unknown',
      status_detail: latestWording?.statusDetail ?? 'unknown',
      created_at: iso(shipment.createdAt),
      updated_at: iso(now),
      signed_by: delivered ? 'SIMULATED RECIPIENT' : null,
      weight: null,
      est_delivery_date: delivered ? null : `${shipment.estimatedDelivery}T00:00:00Z`,
      shipment_id: null,
      carrier: CARRIER_NAMES[shipment.carrier],
      tracking_details: details.map((event) => {
        const wording = MILESTONES[event.kind];
        const carrierCode = shipment.carrier === 'fedex' ? wording.fedex.eventType : wording.ups.code;
        return {
          object: 'TrackingDetail',
          message: wording.easypost.message,
          description: wording.easypost.message,
          status: wording.easypost.status,
          status_detail: wording.easypost.statusDetail,
          datetime: iso(event.occurredAt),
          source: CARRIER_NAMES[shipment.carrier],
          carrier_code: carrierCode,
          tracking_location: {
            object: 'TrackingLocation',
            city: event.city,
            state: event.state,
            country: 'US',
            zip: null,
          },
        };
      }),
      carrier_detail: {
        object: 'CarrierDetail',
        service: shipment.service,
        est_delivery_date_local: delivered ? null : shipment.estimatedDelivery,
      },
      finalized: delivered !== undefined,
      is_return: false,
      public_url: `https://track.easypost.com/${trackerId}`,
    },
  };
}

/** An AfterShip tracking_update webhook body carrying every checkpoint so far. */
export function afterShipTrackingUpdate(shipment: SimulatedShipment, now: number) {
  const newestFirst = eventsNewestFirst(shipment);
  const latest = newestFirst[0];
  const latestWording = latest ? MILESTONES[latest.kind].aftership : undefined;
  return {
    event: 'tracking_update',
    event_id: randomUUID(),
    is_tracking_first_tag: shipment.events.length === 1,
    msg: {
      id: `as_${shipment.trackingNumber.toLowerCase()}`,
      tracking_number: shipment.trackingNumber,
      slug: shipment.carrier,
      tag: latestWording?.tag ?? 'Pending',
      subtag: latestWording?.subtag ?? 'Pending_001',
      subtag_message: latestWording?.message ?? 'Pending',
      expected_delivery: isDelivered(shipment) ? null : shipment.estimatedDelivery,
      checkpoints: [...newestFirst].reverse().map((event) => {
        const wording = MILESTONES[event.kind];
        return {
          slug: shipment.carrier,
          city: event.city,
          state: event.state,
          country_iso3: 'USA',
          location: `${event.city}, ${event.state}, USA`,
          message: wording.aftership.message,
          tag: wording.aftership.tag,
          subtag: wording.aftership.subtag,
          subtag_message: wording.aftership.message,
          checkpoint_time: new Date(event.occurredAt).toISOString().replace('.000Z', '+00:00'),
          raw_tag: shipment.carrier === 'fedex' ? wording.fedex.eventType : wording.ups.code,
        };
      }),
    },
    ts: Math.floor(now / 1000),
  };
}
