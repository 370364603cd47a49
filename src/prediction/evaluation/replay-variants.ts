import { trainAdaptiveModel } from '../model/adaptive-levels';
import type { ModelSettings } from '../model/delivery-model';
import type { TrainingExample } from '../model/lanes';
import { trainDeliveryModel } from '../model/train-model';
import { scoreForecasts, type ForecastScores } from './evaluate-model';
import { replayForecasts, type ReplayTrainer } from './replay';

export interface ReplaySchedule {
  horizonDays: number;
  retrainEveryDays: number;
}

export interface ReplayScores extends ForecastScores {
  retrains: number;
  /** Coverage and median width of each carrier's shipments. */
  byCarrier: Record<string, { rows: number; coverage: number; medianWidthDays: number }>;
}

/** The retrain schedule without adaptive levels: every model calibrated afresh to the settings. */
export const retrainedTrainer =
  (settings: Partial<ModelSettings> = {}): ReplayTrainer =>
  (known, asOf) =>
    trainDeliveryModel(known, asOf, { ...settings, adaptiveStep: 0 });

/** The retrain schedule as the service runs it: adaptive levels carried from model to model. */
export const adaptiveTrainer =
  (settings: Partial<ModelSettings> = {}): ReplayTrainer =>
  (known, asOf, previous) =>
    trainAdaptiveModel(known, asOf, previous, asOf, settings);

/** Replays `test` after `history` with the trainer and scores the forecasts, overall and per carrier. */
export function scoreReplay(
  history: readonly TrainingExample[],
  test: readonly TrainingExample[],
  schedule: ReplaySchedule,
  train: ReplayTrainer,
  threshold: number,
): ReplayScores {
  const { forecasts, actual, retrains } = replayForecasts(history, test, { ...schedule, train });
  const byCarrier: ReplayScores['byCarrier'] = {};
  for (const carrier of [...new Set(actual.map((example) => example.carrier))].sort()) {
    const rows = actual.flatMap((example, i) => (example.carrier === carrier ? [i] : []));
    const scores = scoreForecasts(
      rows.map((i) => forecasts[i]!),
      rows.map((i) => actual[i]!),
      threshold,
    );
    byCarrier[carrier] = {
      rows: rows.length,
      coverage: scores.coverage,
      medianWidthDays: scores.medianWidthDays,
    };
  }
  return { ...scoreForecasts(forecasts, actual, threshold), retrains, byCarrier };
}
