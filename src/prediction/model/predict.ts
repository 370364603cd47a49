import { addDays } from '../history/shipment-history';
import { calibrationGroupOf } from './calibrate-window';
import type { DeliveryModel } from './delivery-model';
import { selectLevel } from './lane-groups';
import { laneValues, levelName, type LaneAttribute, type ShipmentLane } from './lanes';

export interface ShipmentToPredict extends ShipmentLane {
  /** YYYY-MM-DD. */
  promisedDate: string;
}

export interface PredictionExplanation {
  /** The lane whose history set the dates, its level and how many rows it had. */
  lane: Partial<Record<LaneAttribute, string | null>>;
  level: string;
  laneRows: number;
  /** More specific levels passed over because they had fewer rows than the model's minimum. */
  backedOffFrom: Array<{ level: string; rows: number }>;
  /** The lane whose late rate (smoothed toward its parent's) gave the late probability. */
  lateLane: { level: string; rows: number };
  /** The calibration group ('*': the rows without one of their own) and its window mass. */
  calibrationGroup: string;
  windowMass: number;
  /** Days added below and above the lane's window by calibration. */
  windowMarginDays: [number, number];
}

export interface DeliveryPrediction {
  /** YYYY-MM-DD: the promise moved by the lane's median residual. */
  estimatedDate: string;
  window: { earliest: string; latest: string };
  /** Probability that delivery comes after the promised date. */
  lateProbability: number;
  explanation: PredictionExplanation;
}

/** Predicts from a trained model: a table lookup per level, no I/O. */
export function predictDelivery(model: DeliveryModel, shipment: ShipmentToPredict): DeliveryPrediction {
  const { levels, minLaneRows, calibrationGroup } = model.settings;
  const windowRowsOf = (key: string) => model.lanes[key]?.window?.rows ?? 0;
  const lateRowsOf = (key: string) => model.lanes[key]?.late.rows ?? 0;
  const chosen = selectLevel(windowRowsOf, levels, minLaneRows, shipment);
  const late = selectLevel(lateRowsOf, levels, 1, shipment);
  const summary = model.lanes[chosen.key]!.window!;
  const attributes = levels[chosen.level]!;
  const group = calibrationGroupOf(attributes, shipment, calibrationGroup, model.calibration.groups);
  const { mass, lowerMarginDays, upperMarginDays } = model.calibration.groups[group]!;
  return {
    estimatedDate: addDays(shipment.promisedDate, Math.round(summary.medianDays)),
    window: {
      earliest: addDays(shipment.promisedDate, summary.lowerDays - lowerMarginDays),
      latest: addDays(shipment.promisedDate, summary.upperDays + upperMarginDays),
    },
    lateProbability: model.lanes[late.key]!.late.probability,
    explanation: {
      lane: laneValues(attributes, shipment),
      level: levelName(attributes),
      laneRows: summary.rows,
      backedOffFrom: chosen.skipped.map(({ level, rows }) => ({ level: levelName(levels[level]!), rows })),
      lateLane: { level: levelName(levels[late.level]!), rows: lateRowsOf(late.key) },
      calibrationGroup: group,
      windowMass: mass,
      windowMarginDays: [lowerMarginDays, upperMarginDays],
    },
  };
}
