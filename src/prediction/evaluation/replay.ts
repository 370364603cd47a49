import { addDays } from '../history/shipment-history';
import type { DeliveryModel } from '../model/delivery-model';
import type { TrainingExample } from '../model/lanes';
import { modelForecasts, type ShipmentForecast } from './evaluate-model';

/** Builds the model the service would hold at `asOf` from the outcomes known by then. */
export type ReplayTrainer = (
  known: readonly TrainingExample[],
  asOf: string,
  previous: DeliveryModel | null,
) => DeliveryModel;

export interface ReplayOptions {
  /** Each shipment is forecast this many days before its promised date. */
  horizonDays: number;
  /** A new model is trained every this many days (the retrain schedule). */
  retrainEveryDays: number;
  train: ReplayTrainer;
}

export interface ReplayResult {
  /** In the order of `test` sorted by promised date, like `actual`. */
  forecasts: ShipmentForecast[];
  actual: TrainingExample[];
  retrains: number;
}

export const deliveredDate = (example: TrainingExample): string =>
  addDays(example.promisedDate, example.residualDays);

const predictionDate = (example: TrainingExample, horizonDays: number): string =>
  addDays(example.promisedDate, -horizonDays);

/**
 * Replays the test period in time order as the service lives it: at each retrain date the model
 * learns from every shipment (of `history` and `test`) delivered before that date, except the ones
 * about to be forecast, and forecasts the shipments whose prediction date falls before the next
 * retrain. No outcome delivered on or after a retrain date reaches the model trained then.
 */
export function replayForecasts(
  history: readonly TrainingExample[],
  test: readonly TrainingExample[],
  options: ReplayOptions,
): ReplayResult {
  const ordered = [...test].sort((a, b) => a.promisedDate.localeCompare(b.promisedDate));
  const outcomes = [...history, ...test]
    .map((example) => ({ example, delivered: deliveredDate(example) }))
    .sort((a, b) => a.delivered.localeCompare(b.delivered));
  const result: ReplayResult = { forecasts: [], actual: [], retrains: 0 };
  let previous: DeliveryModel | null = null;
  for (let next = 0; next < ordered.length;) {
    const asOf = predictionDate(ordered[next]!, options.horizonDays);
    const until = addDays(asOf, Math.max(options.retrainEveryDays, 1));
    const batch: TrainingExample[] = [];
    while (next < ordered.length && predictionDate(ordered[next]!, options.horizonDays) < until) {
      batch.push(ordered[next++]!);
    }
    const forecastNow = new Set(batch);
    const known: TrainingExample[] = [];
    for (const { example, delivered } of outcomes) {
      if (delivered >= asOf) break;
      if (!forecastNow.has(example)) known.push(example);
    }
    previous = options.train(known, asOf, previous);
    result.retrains++;
    result.forecasts.push(...modelForecasts(previous, batch));
    result.actual.push(...batch);
  }
  return result;
}
