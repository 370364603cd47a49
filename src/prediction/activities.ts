import type { Database } from '../db/database';
import { recordDeliveredShipments } from './history/history-store';
import { daysBetween, SERVICE_SOURCE } from './history/shipment-history';
import { LatestModelPredictor } from './latest-model-predictor';
import type { ShipmentToPredict } from './model/predict';
import { retrainFromHistory } from './retrain';

export interface DeliveredShipment {
  orderId: string;
  shipmentNo: number;
  carrier: string;
  service: string;
  originRegion?: string | null;
  destinationRegion: string;
  /** YYYY-MM-DD. */
  promisedDate: string;
  shippedAt?: string | null;
  deliveredAt: string;
  weightKg?: number | null;
}

export interface PredictionActivityDeps {
  db: Database;
  /** Shared so every prediction reuses the loaded model; one is made when absent. */
  predictor?: LatestModelPredictor;
}

export function createPredictionActivities(deps: PredictionActivityDeps) {
  const predictor = deps.predictor ?? new LatestModelPredictor(deps.db);
  return {
    /** Adds one of the service's delivered shipments to the history; a retry adds nothing. */
    async recordDeliveredShipment(shipment: DeliveredShipment): Promise<{ recorded: boolean }> {
      const shippedAt = shipment.shippedAt ?? null;
      const inserted = await recordDeliveredShipments(deps.db, [
        {
          naturalKey: `order:${shipment.orderId}:${shipment.shipmentNo}`,
          source: SERVICE_SOURCE,
          carrier: shipment.carrier,
          service: shipment.service,
          deliveryTerms: null,
          originRegion: shipment.originRegion ?? null,
          destinationRegion: shipment.destinationRegion,
          promisedDate: shipment.promisedDate,
          shippedAt,
          deliveredAt: shipment.deliveredAt,
          weightKg: shipment.weightKg ?? null,
          stageTimings: shippedAt
            ? { shippedToDeliveredDays: daysBetween(shippedAt, shipment.deliveredAt) }
            : {},
        },
      ]);
      return { recorded: inserted === 1 };
    },

    /** Estimated delivery date, window and late probability; null while no model exists. */
    async predictShipmentDelivery(shipment: ShipmentToPredict) {
      return predictor.predict(shipment);
    },

    /** Trains on the whole history and stores the next model version. */
    async trainDeliveryModel() {
      return retrainFromHistory(deps.db);
    },
  };
}

export type PredictionActivities = ReturnType<typeof createPredictionActivities>;
