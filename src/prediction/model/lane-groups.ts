import type { LaneSummary, LaneWindow, WindowShape } from './delivery-model';
import { laneKey, type LaneAttribute, type ShipmentLane, type TrainingExample } from './lanes';
import {
  equalTailedInterval,
  shortestInterval,
  weightedQuantile,
  weightedSample,
  type WeightedSample,
} from './weighted-sample';

export interface LaneGroup {
  /** Residual days and the weight of each row, in the order the rows came. */
  residuals: number[];
  weights: number[];
  /** Summed weight of the rows delivered after the promise. */
  lateWeight: number;
  parentKey: string | null;
  level: number;
  /** The first row's lane: its values of the level's attributes are the lane's. */
  lane: ShipmentLane;
  /** Built on first use. */
  sample?: WeightedSample;
}

/** Every example's residual, with its weight, in its lane at every level. */
export function groupByLane(
  examples: readonly TrainingExample[],
  levels: readonly LaneAttribute[][],
  weightOf: (example: TrainingExample) => number = () => 1,
): Map<string, LaneGroup> {
  const groups = new Map<string, LaneGroup>();
  for (const example of examples) {
    const weight = weightOf(example);
    levels.forEach((attributes, level) => {
      const key = laneKey(level, attributes, example);
      let group = groups.get(key);
      if (!group) {
        const parent = levels[level + 1];
        const parentKey = parent ? laneKey(level + 1, parent, example) : null;
        group = { residuals: [], weights: [], lateWeight: 0, parentKey, level, lane: example };
        groups.set(key, group);
      }
      group.residuals.push(example.residualDays);
      group.weights.push(weight);
      if (example.residualDays > 0) group.lateWeight += weight;
    });
  }
  return groups;
}

export function sampleOf(group: LaneGroup): WeightedSample {
  group.sample ??= weightedSample(group.residuals, group.weights);
  return group.sample;
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

/** A lane's window holding `mass` of its weighted residuals, in whole days rounded outward. */
export function laneWindow(group: LaneGroup, mass: number, shape: WindowShape): LaneWindow {
  const sample = sampleOf(group);
  const interval = shape === 'shortest' ? shortestInterval(sample, mass) : equalTailedInterval(sample, mass);
  return {
    rows: sample.rows,
    lowerDays: Math.floor(interval.lower),
    medianDays: weightedQuantile(sample, 0.5),
    upperDays: Math.ceil(interval.upper),
  };
}

/**
 * Each lane's window (from windowGroups, shaped by windowOf) and late probability
 * (from lateGroups, a superset): the weighted late rate smoothed toward its parent's with a Beta prior
 * worth priorStrength rows, so a lane of three shipments does not claim 0 or 1.
 */
export function summarizeLanes(
  windowGroups: ReadonlyMap<string, LaneGroup>,
  lateGroups: ReadonlyMap<string, LaneGroup>,
  windowOf: (key: string, group: LaneGroup) => LaneWindow,
  priorStrength: number,
): Record<string, LaneSummary> {
  const summaries: Record<string, LaneSummary> = {};
  const broadestFirst = [...lateGroups.entries()].sort(([, a], [, b]) => b.level - a.level);
  for (const [key, group] of broadestFirst) {
    const weight = group.weights.reduce((sum, w) => sum + w, 0);
    const parent = group.parentKey ? summaries[group.parentKey] : undefined;
    const probability = parent
      ? (group.lateWeight + priorStrength * parent.late.probability) / (weight + priorStrength)
      : group.lateWeight / weight;
    const windowGroup = windowGroups.get(key);
    summaries[key] = {
      window: windowGroup ? windowOf(key, windowGroup) : null,
      late: { rows: group.residuals.length, probability },
    };
  }
  return summaries;
}
