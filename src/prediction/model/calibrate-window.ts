import type { ModelSettings, WindowCalibration } from './delivery-model';
import { selectLevel, type LaneGroup } from './lane-groups';
import type { TrainingExample } from './lanes';
import { quantileOfSorted } from './quantiles';
import { median } from '../evaluation/metrics';

const TAIL_STEP = 0.0025;
const NO_MARGINS = { lowerMarginDays: 0, upperMarginDays: 0 };

/** The window in whole days, rounded outward, for a lane's residuals at the given tail share. */
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

/**
 * Split-conformal calibration on the latest slice of the training period: from the nominal levels
 * (2.5 % / 97.5 % for 95 %), widen the lower and upper quantile levels, each on its own, and add the
 * smallest margins on either side that make the slice's coverage reach the target; keep the pair
 * whose median window is narrowest.
 */
export function calibrateWindow(
  groups: ReadonlyMap<string, LaneGroup>,
  slice: readonly TrainingExample[],
  settings: Pick<ModelSettings, 'levels' | 'minLaneRows' | 'coverageTarget'>,
): WindowCalibration {
  const nominalTail = (1 - settings.coverageTarget) / 2;
  const nominal = { lowerLevel: nominalTail, upperLevel: 1 - nominalTail, ...NO_MARGINS };
  if (slice.length === 0) {
    return { ...nominal, calibrationRows: 0, coverageBefore: null, coverageAfter: null };
  }
  const rowsOf = (key: string) => groups.get(key)?.residuals.length ?? 0;
  const lanes = slice.map((example) => {
    const { key } = selectLevel(rowsOf, settings.levels, settings.minLaneRows, example);
    return { residuals: groups.get(key)!.residuals, actual: example.residualDays };
  });
  const windowsAt = (lowerTail: number, upperTail: number) =>
    lanes.map(({ residuals, actual }) => ({ ...windowDays(residuals, lowerTail, 1 - upperTail), actual }));

  const best = narrowestCoveringWindow(nominalTail, settings.coverageTarget, windowsAt);
  return {
    lowerLevel: best.lowerTail,
    upperLevel: 1 - best.upperTail,
    lowerMarginDays: best.lowerMarginDays,
    upperMarginDays: best.upperMarginDays,
    calibrationRows: lanes.length,
    coverageBefore: coverageOf(windowsAt(nominalTail, nominalTail), NO_MARGINS),
    coverageAfter: best.coverage,
  };
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
  let best: { lowerMarginDays: number; upperMarginDays: number } | null = null;
  for (const lowerMarginDays of [...new Set([0, ...below])].sort((a, b) => a - b)) {
    const missedBelow = below.filter((miss) => miss > lowerMarginDays).length;
    if (missedBelow > allowedMisses) continue;
    const aboveMisses = above.filter((miss) => miss > 0).sort((a, b) => b - a);
    const upperMarginDays = aboveMisses[allowedMisses - missedBelow] ?? 0;
    if (!best || lowerMarginDays + upperMarginDays < best.lowerMarginDays + best.upperMarginDays) {
      best = { lowerMarginDays, upperMarginDays };
    }
  }
  return best;
}

/** Every pair of tail shares from nominal down to 0 with its margins; the narrowest median window wins. */
function narrowestCoveringWindow(
  nominalTail: number,
  target: number,
  windowsAt: (lowerTail: number, upperTail: number) => SliceWindow[],
) {
  const steps = Math.round(nominalTail / TAIL_STEP);
  const tails = Array.from({ length: steps + 1 }, (_, step) => Math.max(nominalTail - step * TAIL_STEP, 0));
  let best = { lowerTail: 0, upperTail: 0, lowerMarginDays: 0, upperMarginDays: 0, coverage: 0 };
  let bestWidth = Number.POSITIVE_INFINITY;
  for (const lowerTail of tails) {
    for (const upperTail of tails) {
      const windows = windowsAt(lowerTail, upperTail);
      const margins = smallestMargins(windows, target);
      if (!margins) continue;
      const width =
        median(windows.map((w) => w.upper - w.lower)) + margins.lowerMarginDays + margins.upperMarginDays;
      if (width < bestWidth) {
        bestWidth = width;
        best = { lowerTail, upperTail, ...margins, coverage: coverageOf(windows, margins) };
      }
    }
  }
  return best;
}
