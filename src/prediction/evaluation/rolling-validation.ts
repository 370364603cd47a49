import type { ModelSettings } from '../model/delivery-model';
import type { TrainingExample } from '../model/lanes';
import { trainDeliveryModel } from '../model/train-model';
import { modelForecasts, scoreForecasts, type ForecastScores } from './evaluate-model';

export interface OriginScores extends ForecastScores {
  /** The year validated on; the model trained on every earlier year. */
  year: number;
  trainRows: number;
  validationRows: number;
}

export interface VariantScores {
  name: string;
  origins: OriginScores[];
  /** Means over the origins. */
  meanCoverage: number;
  lowestCoverage: number;
  meanMedianWidthDays: number;
  meanAuc: number | null;
}

const yearOf = (example: TrainingExample) => Number(example.promisedDate.slice(0, 4));
const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

/**
 * Rolling-origin validation: for each year, train on every earlier year and score on that year only,
 * so every choice is judged on data later than what it learned from.
 */
export function validateVariant(
  name: string,
  examples: readonly TrainingExample[],
  years: readonly number[],
  settings: Partial<ModelSettings>,
  lateThreshold: number,
): VariantScores {
  const origins = years.map((year) => {
    const train = examples.filter((example) => yearOf(example) < year);
    const validation = examples.filter((example) => yearOf(example) === year);
    const model = trainDeliveryModel(train, 'validation', settings);
    const scores = scoreForecasts(modelForecasts(model, validation), validation, lateThreshold);
    return { year, trainRows: train.length, validationRows: validation.length, ...scores };
  });
  const aucs = origins.flatMap((origin) => (origin.auc === null ? [] : [origin.auc]));
  return {
    name,
    origins,
    meanCoverage: mean(origins.map((origin) => origin.coverage)),
    lowestCoverage: Math.min(...origins.map((origin) => origin.coverage)),
    meanMedianWidthDays: mean(origins.map((origin) => origin.medianWidthDays)),
    meanAuc: aucs.length === 0 ? null : mean(aucs),
  };
}
