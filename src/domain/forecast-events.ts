import type { OrderState } from './order-lifecycle';
import type { DeliveryForecast, DeliveryWindow } from './promise/delivery-forecast';
import type { RecoveryActionKind, PredictedEffect } from './promise/delivery-recovery';

/** How many forecast revisions an order keeps in its state (the timeline keeps all). */
export const FORECAST_REVISION_LIMIT = 50;

/** The delivery forecast made at shipping or revised after a scan or a carrier estimate. */
export interface DeliveryPredictedEvent {
  type: 'delivery_predicted';
  forecast: DeliveryForecast;
}

/** The late probability reached the account's threshold before the promised date passed. */
export interface DeliveryAtRiskEvent {
  type: 'delivery_at_risk';
  lateProbability: number;
  threshold: number;
  window: DeliveryWindow;
  estimatedDate: string;
}

/** The service that ships the order, chosen by the prediction instead of the one requested. */
export interface CarrierServiceChosenEvent {
  type: 'carrier_service_chosen';
  requested: string;
  chosen: string;
  reason: string;
  lateProbability?: number;
}

/** Ops applied a recovery action to an order at risk. */
export interface RecoveryAppliedEvent {
  type: 'recovery_applied';
  action: RecoveryActionKind;
  service?: string;
  predicted: PredictedEffect;
  actor: string;
}

export type ForecastEvent =
  DeliveryPredictedEvent | DeliveryAtRiskEvent | CarrierServiceChosenEvent | RecoveryAppliedEvent;

const FORECAST_EVENT_TYPES: readonly string[] = [
  'delivery_predicted',
  'delivery_at_risk',
  'carrier_service_chosen',
  'recovery_applied',
];

export const isForecastEvent = (event: { type: string }): event is ForecastEvent =>
  FORECAST_EVENT_TYPES.includes(event.type);

/** What a forecast event changes; none of them moves the order's status. */
export function applyForecastEvent(state: OrderState, event: ForecastEvent): OrderState {
  switch (event.type) {
    case 'delivery_predicted':
      return {
        ...state,
        deliveryForecast: event.forecast,
        forecastRevisions: [...(state.forecastRevisions ?? []), event.forecast].slice(
          -FORECAST_REVISION_LIMIT,
        ),
      };
    case 'delivery_at_risk':
      return { ...state, atRisk: true };
    case 'carrier_service_chosen':
      return state.shipment ? { ...state, shipment: { ...state.shipment, service: event.chosen } } : state;
    case 'recovery_applied':
      if (event.action === 'upgrade_service' && state.shipment && event.service)
        return { ...state, shipment: { ...state.shipment, service: event.service } };
      return state;
  }
}
