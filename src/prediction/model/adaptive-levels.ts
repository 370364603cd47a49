import { addDays } from '../history/shipment-history';
import {
  DEFAULT_SETTINGS,
  type AdaptiveLevels,
  type DeliveryModel,
  type MarginOffset,
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

export interface AdaptiveSteps {
  /** Level step per outcome. */
  level: number;
  /** Margin step in days per outcome. */
  marginDays: number;
  targetMiscoverage: number;
}

export interface AdaptiveState {
  levels: Record<string, number>;
  marginOffsets: Record<string, MarginOffset>;
}

/**
 * Adaptive conformal inference per calibration group: each outcome, taken in delivery order, is
 * checked against the window the previous model gives its shipment. A miss lowers its group's level
 * by step × (1 − target) (the next calibration covers more of its slice) and grows the margin on the
 * side it missed; a hit raises the level by step × target and shrinks both margins a little, never
 * below the calibrated ones.
 */
export function updateLevels(
  previous: DeliveryModel,
  revealed: readonly TrainingExample[],
  start: AdaptiveState,
  steps: AdaptiveSteps,
): AdaptiveState & { missed: number } {
  const levels = { ...start.levels };
  const marginOffsets = { ...start.marginOffsets };
  const sideTarget = steps.targetMiscoverage / 2;
  let missed = 0;
  for (const outcome of revealed) {
    const prediction = predictDelivery(previous, outcome);
    const delivered = deliveredOn(outcome);
    const below = delivered < prediction.window.earliest ? 1 : 0;
    const above = delivered > prediction.window.latest ? 1 : 0;
    missed += below + above;
    const group = prediction.explanation.calibrationGroup;
    const level = levels[group] ?? 1 - previous.settings.calibrationTarget;
    levels[group] = Math.min(
      Math.max(level + steps.level * (steps.targetMiscoverage - below - above), LOWEST_LEVEL),
      HIGHEST_LEVEL,
    );
    const offset = marginOffsets[group] ?? { lowerDays: 0, upperDays: 0 };
    marginOffsets[group] = {
      lowerDays: Math.max(offset.lowerDays + steps.marginDays * (below - sideTarget), 0),
      upperDays: Math.max(offset.upperDays + steps.marginDays * (above - sideTarget), 0),
    };
  }
  return { levels, marginOffsets, missed };
}

/** The calibration with each group's tracked offsets added to its margins, in whole days. */
function withOffsets(model: DeliveryModel, offsets: Readonly<Record<string, MarginOffset>>): DeliveryModel {
  const groups = Object.fromEntries(
    Object.entries(model.calibration.groups).map(([group, calibration]) => {
      const offset = offsets[group];
      if (!offset) return [group, calibration];
      return [
        group,
        {
          ...calibration,
          lowerMarginDays: calibration.lowerMarginDays + Math.round(offset.lowerDays),
          upperMarginDays: calibration.upperMarginDays + Math.round(offset.upperDays),
        },
      ];
    }),
  );
  return { ...model, calibration: { ...model.calibration, groups } };
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
  const steps: AdaptiveSteps = {
    level: overrides.adaptiveStep ?? DEFAULT_SETTINGS.adaptiveStep,
    marginDays: overrides.adaptiveMarginStepDays ?? DEFAULT_SETTINGS.adaptiveMarginStepDays,
    targetMiscoverage: 1 - (overrides.coverageTarget ?? DEFAULT_SETTINGS.coverageTarget),
  };
  if (steps.level <= 0 && steps.marginDays <= 0) return trainDeliveryModel(known, trainedAt, overrides);
  const carried = previous?.adaptive;
  const start: AdaptiveState = { levels: carried?.levels ?? {}, marginOffsets: carried?.marginOffsets ?? {} };
  const revealed = previous && carried ? revealedBetween(known, carried.revealedThrough, asOf) : [];
  const { levels, marginOffsets, missed } = previous
    ? updateLevels(previous, revealed, start, steps)
    : { ...start, missed: 0 };
  const targets = Object.fromEntries(Object.entries(levels).map(([group, level]) => [group, 1 - level]));
  const model = withOffsets(trainDeliveryModel(known, trainedAt, overrides, targets), marginOffsets);
  const adaptive: AdaptiveLevels = {
    revealedThrough: asOf,
    levels,
    marginOffsets,
    revealed: revealed.length,
    missed,
  };
  return { ...model, adaptive };
}
