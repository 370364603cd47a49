import { log } from '@temporalio/workflow';
import { isTerminal } from '../../domain/order-status';
import type { TimelineEntry } from '../../domain/order-lifecycle';
import {
  forecastChanged,
  forecastDelivery,
  shouldWarnAtRisk,
  type DeliveryForecast,
  type ForecastReason,
  type LanePrediction,
} from '../../domain/promise/delivery-forecast';
import {
  DEFAULT_DELIVERY_RISK_POLICY,
  type DeliveryRiskPolicy,
} from '../../domain/promise/delivery-risk-policy';
import { orderRecords, predictionRecords, predictions } from './activity-options';
import type { ForecastMemory, LaneAnswer, OrderWorkflowSettings } from './contract';
import { publishRiskAttributes, raise } from './deadlines';
import { envelope } from './envelopes';
import type { OrderSession } from './order-session';
import type { PatchCheck } from './release';

/**
 * Orders started before delivery forecasts existed replay without them: every command this module
 * and the service choice add (prediction and history activities, forecast events) sits behind it.
 */
export const DELIVERY_FORECAST_PATCH = 'order-delivery-forecast';

/**
 * Orders that record this marker (or started with release 1) revise their forecast before the read
 * model write of the scan that calls for it, not in a write of its own after.
 */
export const FORECAST_WITH_EVENT_PATCH = 'order-forecast-with-event';

/**
 * Orders that record this marker (or started with release 2) reuse the model's answer for their lane
 * for PREDICTION_REUSE_MS: scans that come close together (an aggregator's burst, out for delivery
 * and delivered the same day) are forecast without a local activity each, so they reach the read
 * model sooner.
 */
export const PREDICTION_REUSE_PATCH = 'order-prediction-reuse';

/**
 * How long a lane's answer is reused. The model is retrained once a day by default, and a lane's
 * prediction moves little between retrains; the forecast itself is still made anew for each scan
 * (today's date, the carrier's estimate).
 */
export const PREDICTION_REUSE_MS = 6 * 3_600_000;

/** The at-risk event's ID: one per order, so the customer is warned at most once. */
export const AT_RISK_EVENT_ID = 'delivery-at-risk';

export class ForecastWatch {
  readonly enabled: boolean;
  readonly policy: DeliveryRiskPolicy;
  readonly memory: ForecastMemory;

  constructor(settings: OrderWorkflowSettings, uses: PatchCheck, carried?: ForecastMemory) {
    this.enabled = uses(DELIVERY_FORECAST_PATCH);
    this.policy = settings.deliveryRisk ?? DEFAULT_DELIVERY_RISK_POLICY;
    this.memory = carried ?? { checkedThroughSeq: 0, historyRecorded: false };
  }

  carried(): ForecastMemory | undefined {
    return this.enabled ? this.memory : undefined;
  }
}

/** The newest entry a forecast should answer: the tracking number (shipped) or a carrier scan. */
function newestEvidence(timeline: readonly TimelineEntry[]): TimelineEntry | undefined {
  for (let index = timeline.length - 1; index >= 0; index--) {
    const entry = timeline[index]!;
    if (entry.eventType === 'carrier_update' || entry.eventType === 'tracking_number_assigned') return entry;
  }
  return undefined;
}

export type ForecastWork = 'forecast' | 'history';

export function forecastWorkDue(session: OrderSession): ForecastWork | undefined {
  const { enabled, memory } = session.forecast;
  const { state } = session;
  if (!enabled || !state.shipment || !session.order.promisedDeliveryDate) return undefined;
  if (state.status === 'delivered') return memory.historyRecorded ? undefined : 'history';
  if (isTerminal(state.status) || !state.shipment.trackingNumber) return undefined;
  const evidence = newestEvidence(state.timeline);
  return evidence && evidence.seq > memory.checkedThroughSeq ? 'forecast' : undefined;
}

export async function keepForecast(session: OrderSession): Promise<void> {
  const work = forecastWorkDue(session);
  if (work === 'forecast') await reviseForecast(session);
  else if (work === 'history') await recordDelivery(session);
}

function reasonOf(entry: TimelineEntry): ForecastReason {
  if (entry.eventType === 'tracking_number_assigned') return 'shipped';
  const tracking = entry.details.tracking as { estimatedDelivery?: string } | undefined;
  return tracking?.estimatedDelivery ? 'carrier_estimate' : 'scan';
}

/**
 * The model's answer for the shipment's lane as it would ship with `service`: reused while fresh,
 * else asked for (a local activity); null without a model or when asking fails (not remembered).
 */
export async function predictFor(session: OrderSession, service: string) {
  const shipment = session.state.shipment!;
  const lane = `${shipment.carrier}/${service}`;
  const memory = session.forecast.memory;
  const known = memory.answers?.[lane];
  if (known && Date.now() - known.askedAt < PREDICTION_REUSE_MS && session.uses(PREDICTION_REUSE_PATCH))
    return known.predicted;
  try {
    const predicted = await predictions.predictShipmentDelivery({
      carrier: shipment.carrier,
      service,
      deliveryTerms: null,
      originRegion: null,
      destinationRegion: session.order.shippingAddress.country,
      promisedDate: session.order.promisedDeliveryDate!,
    });
    const answer: LaneAnswer = { askedAt: Date.now(), predicted: predicted && lanePart(predicted) };
    memory.answers = { ...memory.answers, [lane]: answer };
    return answer.predicted;
  } catch (error) {
    log.warn('delivery prediction failed; the order goes on without a forecast', { error: String(error) });
    return null;
  }
}

/** What a forecast takes of a prediction (its explanation stays with the model's own reports). */
function lanePart({ modelVersion, prediction }: { modelVersion: number; prediction: LanePrediction }) {
  const { estimatedDate, window, lateProbability } = prediction;
  return { modelVersion, prediction: { estimatedDate, window, lateProbability } };
}

/** A new forecast after shipping, a scan or a carrier estimate; warns once when it puts the promise at risk. */
async function reviseForecast(session: OrderSession): Promise<void> {
  const evidence = newestEvidence(session.state.timeline)!;
  session.forecast.memory.checkedThroughSeq = evidence.seq;
  const predicted = await predictFor(session, session.state.shipment!.service);
  if (!predicted) return;
  const { state } = session;
  const promisedDate = session.order.promisedDeliveryDate!;
  const forecast = forecastDelivery(predicted.prediction, predicted.modelVersion, {
    promisedDate,
    today: new Date().toISOString().slice(0, 10),
    reason: reasonOf(evidence),
    ...(state.estimatedDelivery ? { carrierEstimate: state.estimatedDelivery } : {}),
  });
  if (forecastChanged(state.deliveryForecast, forecast))
    session.apply(envelope({ type: 'delivery_predicted', forecast }, `forecast@${evidence.seq}`, 'system'));
  if (
    !session.state.atRisk &&
    shouldWarnAtRisk(forecast, promisedDate, session.forecast.policy.atRiskThreshold)
  )
    await flagAtRisk(session, forecast);
}

/** Flags the order for ops (exception queue, OrderAtRisk with stage delivery) and warns the customer. */
async function flagAtRisk(session: OrderSession, forecast: DeliveryForecast): Promise<void> {
  const event = {
    type: 'delivery_at_risk' as const,
    lateProbability: forecast.lateProbability,
    threshold: session.forecast.policy.atRiskThreshold,
    window: forecast.window,
    estimatedDate: forecast.estimatedDate,
  };
  session.apply(envelope(event, AT_RISK_EVENT_ID, 'system'));
  const { memory, settings } = session.deadlines;
  if (memory.open.some((open) => open.stage === 'delivery')) return;
  const endOfPromise = Date.parse(`${session.order.promisedDeliveryDate!}T00:00:00Z`) + 86_400_000;
  const dueAt = settings ? Date.parse(settings.deliverBy) : endOfPromise;
  await raise(session, { stage: 'delivery', level: 1, priority: 'high', dueAt, raisedAt: Date.now() });
  publishRiskAttributes(session);
}

/** The delivered shipment joins the history the model learns from; its at-risk flag is cleared. */
async function recordDelivery(session: OrderSession): Promise<void> {
  const { state, order } = session;
  const shipment = state.shipment!;
  const delivered = [...state.timeline]
    .reverse()
    .find((entry) => entry.to === 'delivered' && entry.from !== 'delivered');
  await predictionRecords.recordDeliveredShipment({
    orderId: order.orderId,
    shipmentNo: 1,
    carrier: shipment.carrier,
    service: shipment.service,
    destinationRegion: order.shippingAddress.country,
    promisedDate: order.promisedDeliveryDate!,
    shippedAt: shipment.shippedAt,
    deliveredAt: delivered?.occurredAt ?? new Date().toISOString(),
  });
  session.forecast.memory.historyRecorded = true;
  const { memory, settings } = session.deadlines;
  if (settings || !memory.open.some((open) => open.stage === 'delivery')) return;
  // Without watched deadlines nothing else clears the at-risk exception this module raised.
  memory.open = memory.open.filter((open) => open.stage !== 'delivery');
  await orderRecords.resolveOrderExceptions({
    orderId: order.orderId,
    stages: ['delivery'],
    resolvedAt: new Date().toISOString(),
  });
  publishRiskAttributes(session);
}
