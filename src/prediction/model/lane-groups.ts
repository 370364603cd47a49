import type { LaneSummary, LaneWindow } from './delivery-model';
import { laneKey, type LaneAttribute, type ShipmentLane, type TrainingExample } from './lanes';
import { ascending, quantileOfSorted } from './quantiles';

export interface LaneGroup {
  /** Ascending residual days. */
  residuals: number[];
  late: number;
  parentKey: string | null;
  level: number;
}

/** Every example's residual in its lane at every level. */
export function groupByLane(
  examples: readonly TrainingExample[],
  levels: readonly LaneAttribute[][],
): Map<string, LaneGroup> {
  const groups = new Map<string, LaneGroup>();
  for (const example of examples) {
    levels.forEach((attributes, level) => {
      const key = laneKey(level, attributes, example);
      let group = groups.get(key);
      if (!group) {
        const parent = levels[level + 1];
        const parentKey = parent ? laneKey(level + 1, parent, example) : null;
        group = { residuals: [], late: 0, parentKey, level };
        groups.set(key, group);
      }
      group.residuals.push(example.residualDays);
      if (example.residualDays > 0) group.late += 1;
    });
  }
  for (const group of groups.values()) ascending(group.residuals);
  return groups;
}

/**
 * The most specific level whose lane has enough rows (the last level, "all", always does), with the
 * rows each more specific level had.
 */
export function selectLevel(
  rowsOf: (key: string) => number,
  levels: readonly LaneAttribute[][],
  minRows: number,
  lane: ShipmentLane,
): { level: number; key: string; skipped: Array<{ level: number; rows: number }> } {
  const skipped: Array<{ level: number; rows: number }> = [];
  for (let level = 0; level < levels.length; level++) {
    const key = laneKey(level, levels[level]!, lane);
    const rows = rowsOf(key);
    if (rows >= minRows || (level === levels.length - 1 && rows > 0)) return { level, key, skipped };
    skipped.push({ level, rows });
  }
  throw new Error('the model has no rows at all');
}

/** A lane's window quantiles and median at the calibrated levels. */
export function laneWindow(group: LaneGroup, levels: { lowerLevel: number; upperLevel: number }): LaneWindow {
  return {
    rows: group.residuals.length,
    lowerDays: quantileOfSorted(group.residuals, levels.lowerLevel),
    medianDays: quantileOfSorted(group.residuals, 0.5),
    upperDays: quantileOfSorted(group.residuals, levels.upperLevel),
  };
}

/**
 * Each lane's window (from windowGroups) and late probability (from lateGroups, a superset), the
 * latter smoothed toward its parent's with a Beta prior worth priorStrength rows, so a lane of three
 * shipments does not claim 0 or 1.
 */
export function summarizeLanes(
  windowGroups: ReadonlyMap<string, LaneGroup>,
  lateGroups: ReadonlyMap<string, LaneGroup>,
  levels: { lowerLevel: number; upperLevel: number },
  priorStrength: number,
): Record<string, LaneSummary> {
  const summaries: Record<string, LaneSummary> = {};
  const broadestFirst = [...lateGroups.entries()].sort(([, a], [, b]) => b.level - a.level);
  for (const [key, group] of broadestFirst) {
    const rows = group.residuals.length;
    const parent = group.parentKey ? summaries[group.parentKey] : undefined;
    const probability = parent
      ? (group.late + priorStrength * parent.late.probability) / (rows + priorStrength)
      : group.late / rows;
    const windowGroup = windowGroups.get(key);
    summaries[key] = {
      window: windowGroup ? laneWindow(windowGroup, levels) : null,
      late: { rows, probability },
    };
  }
  return summaries;
}
