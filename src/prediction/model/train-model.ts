import { calibrateWindow } from './calibrate-window';
import { DEFAULT_SETTINGS, type DeliveryModel, type ModelSettings } from './delivery-model';
import { groupByLane, summarizeLanes } from './lane-groups';
import { assertNestedLevels, DEFAULT_LANE_LEVELS, type TrainingExample } from './lanes';
import { addDays } from '../history/shipment-history';

/** Examples whose promise falls within the latest `days` days (all of them when days is 0). */
function recentOnly(sorted: readonly TrainingExample[], days: number): readonly TrainingExample[] {
  if (days <= 0 || sorted.length === 0) return sorted;
  const from = addDays(sorted.at(-1)!.promisedDate, -days);
  return sorted.filter((example) => example.promisedDate >= from);
}

/**
 * Learns per-lane residual quantiles from history ordered by promised date: the earlier part fits
 * the lanes' windows, the latest slice calibrates the window's quantile levels and margin; late rates
 * learn from every row.
 */
export function trainDeliveryModel(
  examples: readonly TrainingExample[],
  trainedAt: string,
  overrides: Partial<ModelSettings> = {},
): DeliveryModel {
  const settings: ModelSettings = { levels: DEFAULT_LANE_LEVELS, ...DEFAULT_SETTINGS, ...overrides };
  assertNestedLevels(settings.levels);
  if (examples.length === 0) throw new Error('cannot train a delivery model without history');
  const sorted = [...examples].sort((a, b) => a.promisedDate.localeCompare(b.promisedDate));
  const calibrationRows = Math.floor(sorted.length * settings.calibrationShare);
  const fit = sorted.slice(0, sorted.length - calibrationRows);
  const slice = sorted.slice(sorted.length - calibrationRows);

  const fitGroups = groupByLane(recentOnly(fit, settings.recentDays), settings.levels);
  const calibration = calibrateWindow(fitGroups, slice, settings);
  const allGroups = groupByLane(sorted, settings.levels);
  const windowGroups = settings.refitAfterCalibration
    ? groupByLane(recentOnly(sorted, settings.recentDays), settings.levels)
    : fitGroups;
  const lanes = summarizeLanes(windowGroups, allGroups, calibration, settings.priorStrength);
  return {
    format: 'lane-residual-quantiles/1',
    trainedAt,
    trainingRows: sorted.length,
    trainedThrough: sorted.at(-1)!.promisedDate,
    settings,
    calibration,
    lanes,
  };
}
