import type { DeliveryModel } from '../model/delivery-model';
import type { TrainingExample } from '../model/lanes';
import { predictDelivery } from '../model/predict';
import { ascending } from '../model/quantiles';
import { windowDays } from '../model/calibrate-window';
import { daysBetween } from '../history/shipment-history';
import { meanAbsolute, median, precisionRecall, rocAuc } from './metrics';

export interface ShipmentForecast {
  /** Estimate, window bounds and actual as days from the promise. */
  estimateDays: number;
  lowerDays: number;
  upperDays: number;
  lateScore: number;
}

export interface ForecastScores {
  coverage: number;
  medianWidthDays: number;
  maeDays: number;
  auc: number | null;
  precision: number | null;
  recall: number | null;
  alerts: number;
}

/** Scores forecasts against what happened; late means delivered after the promised date. */
export function scoreForecasts(
  forecasts: readonly ShipmentForecast[],
  actual: readonly TrainingExample[],
  threshold: number,
): ForecastScores {
  const residuals = actual.map((example) => example.residualDays);
  const late = residuals.map((days) => days > 0);
  const scores = forecasts.map((forecast) => forecast.lateScore);
  const auc = rocAuc(scores, late);
  return {
    coverage:
      forecasts.filter((f, i) => residuals[i]! >= f.lowerDays && residuals[i]! <= f.upperDays).length /
      forecasts.length,
    medianWidthDays: median(forecasts.map((f) => f.upperDays - f.lowerDays)),
    maeDays: meanAbsolute(forecasts.map((f, i) => f.estimateDays - residuals[i]!)),
    auc: Number.isNaN(auc) ? null : auc,
    ...precisionRecall(scores, late, threshold),
  };
}

export function modelForecasts(model: DeliveryModel, test: readonly TrainingExample[]): ShipmentForecast[] {
  return test.map((example) => {
    const prediction = predictDelivery(model, example);
    return {
      estimateDays: daysBetween(example.promisedDate, prediction.estimatedDate),
      lowerDays: daysBetween(example.promisedDate, prediction.window.earliest),
      upperDays: daysBetween(example.promisedDate, prediction.window.latest),
      lateScore: prediction.lateProbability,
    };
  });
}

/**
 * The scheduled date is the estimate; the window is the unconditional residual interval of the
 * training rows at the model's nominal coverage; the late score is the training late rate for all.
 */
export function baselineForecasts(
  train: readonly TrainingExample[],
  test: readonly TrainingExample[],
  coverageTarget: number,
): ShipmentForecast[] {
  const residuals = ascending(train.map((example) => example.residualDays));
  const tail = (1 - coverageTarget) / 2;
  const { lower, upper } = windowDays(residuals, tail, 1 - tail);
  const lateRate = residuals.filter((days) => days > 0).length / residuals.length;
  return test.map(() => ({ estimateDays: 0, lowerDays: lower, upperDays: upper, lateScore: lateRate }));
}
