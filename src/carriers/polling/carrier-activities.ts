import type { Carrier, CarrierTrackingEvent } from '../../domain/tracking-status';
import { createFedexTrackBatcher } from '../fedex/fedex-track-batcher';
import type { FedexClient } from '../fedex/fedex-client';
import { CarrierRequestRejectedError } from '../http/errors';
import type { UpsClient } from '../ups/ups-client';

export interface RegisterShipmentInput {
  carrier: Carrier;
  trackingNumber: string;
  service: string;
}

export interface PollTrackingInput {
  carrier: Carrier;
  trackingNumber: string;
}

export interface PollTrackingResult {
  /** False when the carrier does not know the number (yet): not a failure. */
  found: boolean;
  /** All scan events the carrier reports, oldest first, with stable event IDs. */
  events: CarrierTrackingEvent[];
  estimatedDelivery?: string;
}

export interface CarrierActivities {
  registerShipment(input: RegisterShipmentInput): Promise<void>;
  pollTracking(input: PollTrackingInput): Promise<PollTrackingResult>;
}

export interface CarrierActivityDeps {
  fedex: FedexClient;
  ups: UpsClient;
  /** How long a FedEx lookup waits for others to share its request (up to 30 numbers). Default 20 ms. */
  fedexBatchWindowMs?: number;
}

/**
 * Activities linking a shipment's tracking number with its carrier and polling the carrier's tracking
 * API. Failures are the typed carrier errors; see `nonRetryableErrorTypes` for the retry policy.
 */
export function createCarrierActivities(deps: CarrierActivityDeps): CarrierActivities {
  const fedexBatcher = createFedexTrackBatcher(deps.fedex, deps.fedexBatchWindowMs ?? 20);

  return {
    async registerShipment({ carrier, trackingNumber, service }) {
      if (carrier === 'fedex') {
        await deps.fedex.registerShipment({ trackingNumber, service });
        return;
      }
      const result = await deps.ups.subscribe([trackingNumber]);
      if (!result.validTrackingNumbers.includes(trackingNumber)) {
        throw new CarrierRequestRejectedError(
          `ups: Track Alert refused to subscribe ${trackingNumber}`,
          'ups',
          200,
          'INVALID_TRACKING_NUMBER',
        );
      }
    },

    async pollTracking({ carrier, trackingNumber }) {
      const lookup =
        carrier === 'fedex'
          ? await fedexBatcher.trackOne(trackingNumber)
          : await deps.ups.track(trackingNumber);
      if (!lookup.found) return { found: false, events: [] };
      const result: PollTrackingResult = { found: true, events: lookup.events };
      if (lookup.estimatedDelivery) result.estimatedDelivery = lookup.estimatedDelivery;
      return result;
    },
  };
}
