import { calibrateWindow, calibrationGroupOf } from './calibrate-window';
import {
  DEFAULT_SETTINGS,
  MODEL_FORMAT,
  type DeliveryModel,
  type ModelSettings,
  type WindowCalibration,
} from './delivery-model';
import { groupByLane, laneWindow, summarizeLanes, type LaneGroup } from './lane-groups';
import { assertNestedLevels, DEFAULT_LANE_LEVELS, type TrainingExample } from './lanes';
import { recencyWeight } from './weighted-sample';

const byPromise = (a: TrainingExample, b: TrainingExample) => a.promisedDate.localeCompare(b.promisedDate);
/** Delivered − promised is the residual, so promised + residual orders rows by delivery. */
const byDelivery = (a: TrainingExample, b: TrainingExample) =>
  Date.parse(a.promisedDate) +
    a.residualDays * 86_400_000 -
    (Date.parse(b.promisedDate) + b.residualDays * 86_400_000) || byPromise(a, b);

/** Rows weighted by recency relative to the newest of them. */
function weightedGroups(
  rows: readonly TrainingExample[],
  settings: ModelSettings,
  halfLifeYears: number,
): Map<string, LaneGroup> {
  const asOf = rows.at(-1)?.promisedDate ?? '1970-01-01';
  return groupByLane(rows, settings.levels, (row) => recencyWeight(row.promisedDate, asOf, halfLifeYears));
}

/**
 * Learns per-lane residual windows from history ordered by promised date: the earlier part fits the
 * lanes' windows, the latest slice calibrates each group's window mass and margins; late rates learn
 * from every row. Rows count more the more recent they are when a half-life is set. `groupTargets`
 * overrides the share of a calibration group's slice its window must cover.
 */
export function trainDeliveryModel(
  examples: readonly TrainingExample[],
  trainedAt: string,
  overrides: Partial<ModelSettings> = {},
  groupTargets: Readonly<Record<string, number>> = {},
): DeliveryModel {
  const settings: ModelSettings = { levels: DEFAULT_LANE_LEVELS, ...DEFAULT_SETTINGS, ...overrides };
  assertNestedLevels(settings.levels);
  if (examples.length === 0) throw new Error('cannot train a delivery model without history');
  const sorted = [...examples].sort(byPromise);
  const calibrationRows = Math.floor(sorted.length * settings.calibrationShare);
  const ordered = settings.calibrationOrder === 'delivered' ? [...examples].sort(byDelivery) : sorted;
  const fit = ordered.slice(0, sorted.length - calibrationRows).sort(byPromise);
  const slice = ordered.slice(sorted.length - calibrationRows);

  const fitGroups = weightedGroups(fit, settings, settings.windowHalfLifeYears);
  const calibration = calibrateWindow(fitGroups, slice, settings, groupTargets);
  const windowGroups = settings.refitAfterCalibration
    ? weightedGroups(sorted, settings, settings.windowHalfLifeYears)
    : fitGroups;
  const lateGroups = weightedGroups(sorted, settings, settings.lateHalfLifeYears);
  const windowOf = (group: LaneGroup) =>
    laneWindow(group, massOfLane(group, settings, calibration), settings.windowShape);
  return {
    format: MODEL_FORMAT,
    trainedAt,
    trainingRows: sorted.length,
    trainedThrough: sorted.at(-1)!.promisedDate,
    settings,
    calibration,
    lanes: summarizeLanes(windowGroups, lateGroups, (_key, group) => windowOf(group), settings.priorStrength),
  };
}

function massOfLane(group: LaneGroup, settings: ModelSettings, calibration: WindowCalibration): number {
  const attributes = settings.levels[group.level]!;
  const key = calibrationGroupOf(attributes, group.lane, settings.calibrationGroup, calibration.groups);
  return calibration.groups[key]!.mass;
}
