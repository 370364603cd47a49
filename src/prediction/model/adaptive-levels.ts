import { addDays } from '../history/shipment-history';
import {
  DEFAULT_SETTINGS,
  type AdaptiveLevels,
  type DeliveryModel,
  type ModelSettings,
} from './delivery-model';
import type { TrainingExample } from './lanes';
import { predictDelivery } from './predict';
import { trainDeliveryModel } from './train-model';

/** Levels stay in this range so a long run of misses (or of hits) cannot wind them up without end. */
const LOWEST_LEVEL = -0.2;
const HIGHEST_LEVEL = 0.5;

const deliveredOn = (example: TrainingExample): string => addDays(example.promisedDate, example.residualDays);

/**
 * The outcomes delivered on or after `since` and before `asOf`, in the order they were delivered
 * (ties by promised date): what became known between two retrains.
 */
export function revealedBetween(
  known: readonly TrainingExample[],
  since: string,
  asOf: string,
): TrainingExample[] {
  return known
    .map((example) => ({ example, delivered: deliveredOn(example) }))
    .filter(({ delivered }) => delivered >= since && delivered < asOf)
    .sort(
      (a, b) =>
        a.delivered.localeCompare(b.delivered) ||
        a.example.promisedDate.localeCompare(b.example.promisedDate),
    )
    .map(({ example }) => example);
}

/**
 * Adaptive conformal inference, one level per calibration group: each outcome, taken in delivery
 * order, is checked against the window the previous model gives its shipment, and moves its group's
 * level by step × (target − missed). A group that misses more than the target lowers its level, so the
 * next calibration covers more of its slice; one that misses less narrows.
 */
export function updateLevels(
  previous: DeliveryModel,
  revealed: readonly TrainingExample[],
  start: Readonly<Record<string, number>>,
  step: number,
  targetMiscoverage: number,
): { levels: Record<string, number>; missed: number } {
  const levels = { ...start };
  let missed = 0;
  for (const outcome of revealed) {
    const prediction = predictDelivery(previous, outcome);
    const delivered = deliveredOn(outcome);
    const miss = delivered < prediction.window.earliest || delivered > prediction.window.latest ? 1 : 0;
    missed += miss;
    const group = prediction.explanation.calibrationGroup;
    const level = levels[group] ?? 1 - previous.settings.calibrationTarget;
    levels[group] = Math.min(
      Math.max(level + step * (targetMiscoverage - miss), LOWEST_LEVEL),
      HIGHEST_LEVEL,
    );
  }
  return { levels, missed };
}

/**
 * The model the retrain schedule builds at `asOf` from every outcome known by then: calibrated group by
 * group to 1 − level, the levels carried over from `previous` and moved by the outcomes delivered
 * since it was trained. Without a previous model (or with step 0) it is the plain calibrated model.
 */
export function trainAdaptiveModel(
  known: readonly TrainingExample[],
  asOf: string,
  previous: DeliveryModel | null,
  trainedAt: string,
  overrides: Partial<ModelSettings> = {},
): DeliveryModel {
  const step = overrides.adaptiveStep ?? DEFAULT_SETTINGS.adaptiveStep;
  if (step <= 0) return trainDeliveryModel(known, trainedAt, overrides);
  const carried = previous?.adaptive;
  const start = carried?.levels ?? {};
  const targetMiscoverage = 1 - (overrides.coverageTarget ?? DEFAULT_SETTINGS.coverageTarget);
  const revealed = previous && carried ? revealedBetween(known, carried.revealedThrough, asOf) : [];
  const { levels, missed } = previous
    ? updateLevels(previous, revealed, start, step, targetMiscoverage)
    : { levels: { ...start }, missed: 0 };
  const targets = Object.fromEntries(Object.entries(levels).map(([group, level]) => [group, 1 - level]));
  const model = trainDeliveryModel(known, trainedAt, overrides, targets);
  const adaptive: AdaptiveLevels = { revealedThrough: asOf, levels, revealed: revealed.length, missed };
  return { ...model, adaptive };
}
