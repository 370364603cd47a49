import { addDays } from './business-calendar';

/**
 * The order's delivery forecast: the model's prediction for its lane, revised by what the shipment
 * has shown since (scans, the carrier's own estimate). Pure: the workflow hands it the model's
 * prediction and today's date.
 */

/** Why a forecast was made: the order shipped, a carrier scan arrived, the carrier gave a date. */
export const FORECAST_REASONS = ['shipped', 'scan', 'carrier_estimate'] as const;
export type ForecastReason = (typeof FORECAST_REASONS)[number];

/** Inclusive calendar dates (YYYY-MM-DD). */
export interface DeliveryWindow {
  earliest: string;
  latest: string;
}

/** What the delivery model says for a shipment's lane, relative to its promised date. */
export interface LanePrediction {
  estimatedDate: string;
  window: DeliveryWindow;
  /** Probability that delivery comes after the promised date. */
  lateProbability: number;
}

export interface DeliveryForecast extends LanePrediction {
  modelVersion: number;
  reason: ForecastReason;
  /** The date the forecast was made on (UTC). */
  madeOn: string;
  /** The carrier's own estimate that took part, if any. */
  carrierEstimate?: string;
}

export interface ForecastEvidence {
  promisedDate: string;
  /** Today (YYYY-MM-DD): a parcel not yet delivered cannot arrive before it. */
  today: string;
  reason: ForecastReason;
  carrierEstimate?: string;
}

const DAY_MS = 86_400_000;
const dayOf = (date: string) => Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / DAY_MS;
/** Days from `from` to `to`, inclusive of both; 0 when `to` is before `from`. */
const daysFromTo = (from: string, to: string) => Math.max(0, dayOf(to) - dayOf(from) + 1);
const later = (a: string, b: string) => (a > b ? a : b);
const clip = (date: string, window: DeliveryWindow) =>
  date < window.earliest ? window.earliest : date > window.latest ? window.latest : date;
const rounded = (probability: number) => Math.round(Math.min(1, Math.max(0, probability)) * 1000) / 1000;

/** The window without the days already past: the parcel has not arrived, so it arrives today or later. */
function stillOpen(window: DeliveryWindow, today: string): DeliveryWindow {
  return { earliest: later(window.earliest, today), latest: later(window.latest, today) };
}

/**
 * The carrier's date takes part but does not simply win. Inside the model's window it becomes the
 * estimate. Outside it, the window's near edge moves halfway (rounded up) toward the carrier's date,
 * never before today, and the estimate is the carrier's date clipped into that window.
 */
export function combineWithCarrierEstimate(
  window: DeliveryWindow,
  carrierEstimate: string,
  today: string,
): { window: DeliveryWindow; estimatedDate: string } {
  const carrier = carrierEstimate.slice(0, 10);
  let { earliest, latest } = window;
  if (carrier > latest) latest = addDays(latest, Math.ceil((dayOf(carrier) - dayOf(latest)) / 2));
  if (carrier < earliest)
    earliest = later(addDays(earliest, -Math.ceil((dayOf(earliest) - dayOf(carrier)) / 2)), today);
  const moved = { earliest, latest };
  return { window: moved, estimatedDate: clip(carrier, moved) };
}

/**
 * The late probability once the parcel is still undelivered today. The model's on-time days
 * (its window's earliest day to the promised date) are taken as equally likely; the days already
 * past are ruled out, so P(late | not delivered yet) = p / (p + (1 − p) · remaining on-time share).
 * Past the promised date the parcel is late for certain.
 */
export function lateProbabilityToday(
  prediction: LanePrediction,
  promisedDate: string,
  today: string,
): number {
  const p = prediction.lateProbability;
  if (today > promisedDate) return 1;
  const onTimeDays = daysFromTo(prediction.window.earliest, promisedDate);
  if (onTimeDays === 0) return p;
  const remaining = daysFromTo(later(prediction.window.earliest, today), promisedDate);
  const denominator = p + (1 - p) * (remaining / onTimeDays);
  return denominator === 0 ? 1 : p / denominator;
}

/** Share of a window's days after the promised date. */
export function lateShareOf(window: DeliveryWindow, promisedDate: string): number {
  const days = daysFromTo(window.earliest, window.latest);
  return days === 0 ? 0 : daysFromTo(later(window.earliest, addDays(promisedDate, 1)), window.latest) / days;
}

/**
 * The forecast from the model's prediction and the evidence so far: the window loses the days
 * already past, the carrier's date moves it (see combineWithCarrierEstimate), and a carrier date
 * moves the late probability halfway toward the share of the revised window after the promise.
 */
export function forecastDelivery(
  prediction: LanePrediction,
  modelVersion: number,
  evidence: ForecastEvidence,
): DeliveryForecast {
  const { promisedDate, today, reason, carrierEstimate } = evidence;
  let window = stillOpen(prediction.window, today);
  let estimatedDate = clip(prediction.estimatedDate, window);
  let lateProbability = lateProbabilityToday(prediction, promisedDate, today);
  if (carrierEstimate) {
    ({ window, estimatedDate } = combineWithCarrierEstimate(window, carrierEstimate, today));
    if (today <= promisedDate) lateProbability = (lateProbability + lateShareOf(window, promisedDate)) / 2;
  }
  return {
    estimatedDate,
    window,
    lateProbability: rounded(lateProbability),
    modelVersion,
    reason,
    madeOn: today,
    ...(carrierEstimate ? { carrierEstimate: carrierEstimate.slice(0, 10) } : {}),
  };
}

/** A revision worth recording: the dates, the probability or the model changed. */
export function forecastChanged(before: DeliveryForecast | undefined, after: DeliveryForecast): boolean {
  if (!before) return true;
  return (
    before.estimatedDate !== after.estimatedDate ||
    before.window.earliest !== after.window.earliest ||
    before.window.latest !== after.window.latest ||
    before.lateProbability !== after.lateProbability ||
    before.modelVersion !== after.modelVersion
  );
}

/** The customer is warned while the promise can still be kept or changed: on or before its date. */
export function shouldWarnAtRisk(
  forecast: DeliveryForecast,
  promisedDate: string,
  threshold: number,
): boolean {
  return forecast.lateProbability >= threshold && forecast.madeOn <= promisedDate;
}
