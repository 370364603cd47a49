import {
  OTHER_GROUP,
  type GroupCalibration,
  type ModelSettings,
  type WindowCalibration,
} from './delivery-model';
import { laneWindow, selectLevel, type LaneGroup } from './lane-groups';
import type { LaneAttribute, ShipmentLane, TrainingExample } from './lanes';
import { quantileOfSorted } from './quantiles';
import { median } from '../evaluation/metrics';

const MASS_STEP = 0.01;
const LOWEST_MASS = 0.5;
const NO_MARGINS = { lowerMarginDays: 0, upperMarginDays: 0 };

type CalibrationSettings = Pick<
  ModelSettings,
  | 'levels'
  | 'minLaneRows'
  | 'coverageTarget'
  | 'calibrationTarget'
  | 'windowShape'
  | 'calibrationGroup'
  | 'minGroupCalibrationRows'
  | 'marginsOnlyAtFullMass'
>;

/** The window in whole days, rounded outward, for ascending residuals at the given quantile levels. */
export function windowDays(
  residuals: readonly number[],
  lowerLevel: number,
  upperLevel: number,
): { lower: number; upper: number } {
  return {
    lower: Math.floor(quantileOfSorted(residuals, lowerLevel)),
    upper: Math.ceil(quantileOfSorted(residuals, upperLevel)),
  };
}

/** The group attribute's value of a lane at a level with these attributes; OTHER_GROUP if it has none. */
function groupValueOf(
  attributes: readonly LaneAttribute[],
  lane: ShipmentLane,
  groupAttribute: LaneAttribute | null,
): string {
  if (!groupAttribute || !attributes.includes(groupAttribute)) return OTHER_GROUP;
  return lane[groupAttribute] ?? '-';
}

/** The calibration a lane's window follows: its group's own, or the one the other rows share. */
export function calibrationGroupOf(
  attributes: readonly LaneAttribute[],
  lane: ShipmentLane,
  groupAttribute: LaneAttribute | null,
  calibrated: Readonly<Record<string, GroupCalibration>>,
): string {
  const value = groupValueOf(attributes, lane, groupAttribute);
  return Object.hasOwn(calibrated, value) ? value : OTHER_GROUP;
}

interface SliceRow {
  group: LaneGroup;
  actual: number;
}

/**
 * Group-conditional (Mondrian) split-conformal calibration on the latest slice of the training period:
 * each group with enough slice rows, and the rest together, gets the window mass and the margins that
 * cover `calibrationTarget` of its own slice rows with the narrowest median window.
 */
export function calibrateWindow(
  groups: ReadonlyMap<string, LaneGroup>,
  slice: readonly TrainingExample[],
  settings: CalibrationSettings,
  groupTargets: Readonly<Record<string, number>> = {},
): WindowCalibration {
  const rowsOf = (key: string) => groups.get(key)?.residuals.length ?? 0;
  const assigned = slice.map((example) => {
    const { key, level } = selectLevel(rowsOf, settings.levels, settings.minLaneRows, example);
    const candidate = groupValueOf(settings.levels[level]!, example, settings.calibrationGroup);
    return { candidate, row: { group: groups.get(key)!, actual: example.residualDays } };
  });
  const byGroup = new Map<string, SliceRow[]>();
  for (const { candidate, row } of assigned) {
    const rows = byGroup.get(candidate) ?? byGroup.set(candidate, []).get(candidate)!;
    rows.push(row);
  }
  const calibrated: Record<string, GroupCalibration> = {};
  const pooled: SliceRow[] = [];
  for (const [candidate, rows] of byGroup) {
    if (candidate !== OTHER_GROUP && rows.length >= settings.minGroupCalibrationRows) {
      calibrated[candidate] = calibrateGroup(rows, settings, groupTargets[candidate]);
    } else pooled.push(...rows);
  }
  const otherRows = pooled.length > 0 ? pooled : assigned.map(({ row }) => row);
  calibrated[OTHER_GROUP] = calibrateGroup(otherRows, settings, groupTargets[OTHER_GROUP]);
  return { calibrationRows: slice.length, groups: calibrated };
}

interface SliceWindow {
  lower: number;
  upper: number;
  actual: number;
}

type Margins = { lowerMarginDays: number; upperMarginDays: number };

function coverageOf(windows: readonly SliceWindow[], margins: Margins): number {
  const covered = windows.filter(
    (w) => w.actual >= w.lower - margins.lowerMarginDays && w.actual <= w.upper + margins.upperMarginDays,
  );
  return covered.length / windows.length;
}

/**
 * The share a group's slice rows must be covered by: the settings', or its own (an adaptive level),
 * which is held to n/(n+1), the most n rows can certify (every row covered).
 */
function groupTarget(rows: number, settings: CalibrationSettings, own: number | undefined): number {
  if (own === undefined) return Math.max(settings.calibrationTarget, settings.coverageTarget);
  return Math.min(own, rows / (rows + 1) - 1e-9);
}

/** Every mass from LOWEST_MASS to 1 with its smallest margins; the narrowest median window wins. */
function calibrateGroup(
  rows: readonly SliceRow[],
  settings: CalibrationSettings,
  ownTarget?: number,
): GroupCalibration {
  const target = groupTarget(rows.length, settings, ownTarget);
  if (rows.length === 0) {
    return {
      mass: settings.coverageTarget,
      ...NO_MARGINS,
      calibrationRows: 0,
      coverageBefore: null,
      coverageAfter: null,
    };
  }
  const windowsAt = (mass: number): SliceWindow[] =>
    rows.map(({ group, actual }) => {
      const window = laneWindow(group, mass, settings.windowShape);
      return { lower: window.lowerDays, upper: window.upperDays, actual };
    });
  let best: GroupCalibration | null = null;
  let bestWidth = Number.POSITIVE_INFINITY;
  const steps = Math.round((1 - LOWEST_MASS) / MASS_STEP);
  for (let step = 0; step <= steps; step++) {
    const mass = Number((LOWEST_MASS + step * MASS_STEP).toFixed(4));
    const windows = windowsAt(mass);
    const margins = smallestMargins(windows, target);
    if (!margins) continue;
    const widensByMargins = margins.lowerMarginDays + margins.upperMarginDays > 0;
    if (settings.marginsOnlyAtFullMass && widensByMargins && mass < 1) continue;
    const width =
      median(windows.map((w) => w.upper - w.lower)) + margins.lowerMarginDays + margins.upperMarginDays;
    if (width < bestWidth) {
      bestWidth = width;
      best = {
        mass,
        ...margins,
        calibrationRows: rows.length,
        coverageBefore: null,
        coverageAfter: coverageOf(windows, margins),
      };
    }
  }
  const coverageBefore = coverageOf(windowsAt(settings.coverageTarget), NO_MARGINS);
  return best
    ? { ...best, coverageBefore }
    : {
        mass: 1,
        ...NO_MARGINS,
        calibrationRows: rows.length,
        coverageBefore,
        coverageAfter: coverageOf(windowsAt(1), NO_MARGINS),
      };
}

/**
 * The smallest lower + upper margins, in days, that cover the target share of the slice: a row misses
 * on at most one side, so for each candidate lower margin the upper one spends what is left of the
 * allowed misses (⌈(n+1)·target⌉ rows must be covered, the split-conformal rank).
 */
export function smallestMargins(
  windows: readonly SliceWindow[],
  target: number,
): { lowerMarginDays: number; upperMarginDays: number } | null {
  const below = windows.map((w) => Math.max(w.lower - w.actual, 0));
  const above = windows.map((w) => Math.max(w.actual - w.upper, 0));
  const allowedMisses = windows.length - Math.ceil((windows.length + 1) * target);
  if (allowedMisses < 0) return null;
  const aboveMisses = above.filter((miss) => miss > 0).sort((a, b) => b - a);
  let best: { lowerMarginDays: number; upperMarginDays: number } | null = null;
  for (const lowerMarginDays of [...new Set([0, ...below])].sort((a, b) => a - b)) {
    const missedBelow = below.filter((miss) => miss > lowerMarginDays).length;
    if (missedBelow > allowedMisses) continue;
    const upperMarginDays = aboveMisses[allowedMisses - missedBelow] ?? 0;
    if (!best || lowerMarginDays + upperMarginDays < best.lowerMarginDays + best.upperMarginDays) {
      best = { lowerMarginDays, upperMarginDays };
    }
  }
  return best;
}
