import { z } from 'zod';
import type { LaneAttribute } from './lanes';

export type WindowShape = 'shortest' | 'equal-tailed';

export interface ModelSettings {
  /** Lane levels, most specific first (see DEFAULT_LANE_LEVELS). */
  levels: LaneAttribute[][];
  /** A lane's window is used only when it has at least this many rows; otherwise back off. */
  minLaneRows: number;
  /** Weight, in (recency-weighted) rows, of the parent lane's late rate in a lane's late probability. */
  priorStrength: number;
  /** Share of the window's intended coverage, e.g. 0.95. */
  coverageTarget: number;
  /** Share of each calibration group's held-out rows the window must cover (at least coverageTarget). */
  calibrationTarget: number;
  /** Latest share of the training period held out to calibrate the window. */
  calibrationShare: number;
  /** Whether that share is the latest by promised date or by delivery (the outcomes learnt last). */
  calibrationOrder: 'promised' | 'delivered';
  /** 'shortest': the narrowest interval holding the mass; 'equal-tailed': the same share off each side. */
  windowShape: WindowShape;
  /** A row's weight in the windows halves every this many years before the newest row; 0: equal weights. */
  windowHalfLifeYears: number;
  /** The same for late rates. */
  lateHalfLifeYears: number;
  /**
   * Group-conditional (Mondrian) calibration: each value of this attribute with enough calibration
   * rows gets its own mass and margins; the other rows share one. Null calibrates all rows together.
   */
  calibrationGroup: LaneAttribute | null;
  /** Calibration rows a group needs to be calibrated on its own. */
  minGroupCalibrationRows: number;
  /**
   * Calibrate by the window mass alone, so tight lanes stay tight, and add margins only when even the
   * whole of every lane's residuals falls short.
   */
  marginsOnlyAtFullMass: boolean;
  /** After calibrating on the held-out slice, learn the windows again from every training row. */
  refitAfterCalibration: boolean;
  /**
   * Adaptive conformal step: at each retrain, every outcome delivered since the previous model moves
   * its calibration group's miscoverage level by step × (1 − coverageTarget − missed); 0 turns it off.
   */
  adaptiveStep: number;
  /**
   * Days each side's margin of a calibration group grows by per outcome missed on that side, and
   * shrinks back by step × the side's share of the target miscoverage per outcome covered, down to the
   * calibrated margin (online quantile tracking); 0 turns it off.
   */
  adaptiveMarginStepDays: number;
}

export interface MarginOffset {
  lowerDays: number;
  upperDays: number;
}

/** The adaptive levels a model was calibrated with, carried from one retrain to the next. */
export interface AdaptiveLevels {
  /** Outcomes delivered before this date (YYYY-MM-DD) have moved the levels. */
  revealedThrough: string;
  /** Miscoverage level per calibration group; the group's slice is calibrated to cover 1 − level. */
  levels: Record<string, number>;
  /** Days added to each group's calibrated margins, carried like the levels. */
  marginOffsets: Record<string, MarginOffset>;
  /** Outcomes that moved the levels at this retrain, and how many of them the previous model missed. */
  revealed: number;
  missed: number;
}

/** A lane's window, in days from the promise, at its calibration group's mass (margins not added). */
export interface LaneWindow {
  rows: number;
  lowerDays: number;
  medianDays: number;
  upperDays: number;
}

export interface LaneSummary {
  /** Null when the lane only has rows the window did not learn from. */
  window: LaneWindow | null;
  late: { rows: number; probability: number };
}

export interface GroupCalibration {
  /** Share of a lane's (weighted) residuals its window holds. */
  mass: number;
  /** Days added below and above the lane window so the group's calibration rows are covered. */
  lowerMarginDays: number;
  upperMarginDays: number;
  calibrationRows: number;
  /** Coverage of the group's calibration rows at the target mass without margins, and after. */
  coverageBefore: number | null;
  coverageAfter: number | null;
}

/** Key of the calibration shared by every row whose group has no calibration of its own. */
export const OTHER_GROUP = '*';

export interface WindowCalibration {
  calibrationRows: number;
  /** Keyed by the calibration group's value, and OTHER_GROUP. */
  groups: Record<string, GroupCalibration>;
}

export const MODEL_FORMAT = 'lane-residual-intervals/2';

/** A trained model: plain JSON, so it can be stored, shipped and loaded anywhere. */
export interface DeliveryModel {
  format: typeof MODEL_FORMAT;
  trainedAt: string;
  trainingRows: number;
  /** Latest promised date seen in training (YYYY-MM-DD). */
  trainedThrough: string;
  settings: ModelSettings;
  calibration: WindowCalibration;
  /** Present when the model was trained with an adaptive step. */
  adaptive?: AdaptiveLevels;
  /** Keyed by laneKey(level, …). */
  lanes: Record<string, LaneSummary>;
}

export const DEFAULT_SETTINGS: Omit<ModelSettings, 'levels'> = {
  minLaneRows: 30,
  priorStrength: 20,
  coverageTarget: 0.95,
  calibrationTarget: 0.96,
  calibrationShare: 0.2,
  calibrationOrder: 'promised',
  windowShape: 'shortest',
  windowHalfLifeYears: 0.5,
  lateHalfLifeYears: 0.5,
  calibrationGroup: 'carrier',
  minGroupCalibrationRows: 50,
  marginsOnlyAtFullMass: false,
  refitAfterCalibration: true,
  adaptiveStep: 0.02,
  adaptiveMarginStepDays: 0,
};

const laneAttribute = z.enum(['carrier', 'service', 'deliveryTerms', 'originRegion', 'destinationRegion']);
const nullableRate = z.number().nullable();

const modelSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  trainedAt: z.string(),
  trainingRows: z.number().int().nonnegative(),
  trainedThrough: z.string(),
  settings: z.object({
    levels: z.array(z.array(laneAttribute)),
    minLaneRows: z.number(),
    priorStrength: z.number(),
    coverageTarget: z.number(),
    calibrationTarget: z.number(),
    calibrationShare: z.number(),
    calibrationOrder: z.enum(['promised', 'delivered']).default('promised'),
    windowShape: z.enum(['shortest', 'equal-tailed']),
    windowHalfLifeYears: z.number(),
    lateHalfLifeYears: z.number(),
    calibrationGroup: laneAttribute.nullable(),
    minGroupCalibrationRows: z.number(),
    marginsOnlyAtFullMass: z.boolean(),
    refitAfterCalibration: z.boolean(),
    adaptiveStep: z.number().default(0),
    adaptiveMarginStepDays: z.number().default(0),
  }),
  calibration: z.object({
    calibrationRows: z.number(),
    groups: z.record(
      z.string(),
      z.object({
        mass: z.number(),
        lowerMarginDays: z.number(),
        upperMarginDays: z.number(),
        calibrationRows: z.number(),
        coverageBefore: nullableRate,
        coverageAfter: nullableRate,
      }),
    ),
  }),
  adaptive: z
    .object({
      revealedThrough: z.string(),
      levels: z.record(z.string(), z.number()),
      marginOffsets: z
        .record(z.string(), z.object({ lowerDays: z.number(), upperDays: z.number() }))
        .default({}),
      revealed: z.number(),
      missed: z.number(),
    })
    .optional(),
  lanes: z.record(
    z.string(),
    z.object({
      window: z
        .object({ rows: z.number(), lowerDays: z.number(), medianDays: z.number(), upperDays: z.number() })
        .nullable(),
      late: z.object({ rows: z.number(), probability: z.number() }),
    }),
  ),
});

export function serializeModel(model: DeliveryModel): string {
  return JSON.stringify(model);
}

/** Parses and checks a stored model; throws on anything that is not one. */
export function parseModel(json: string | unknown): DeliveryModel {
  return modelSchema.parse(typeof json === 'string' ? JSON.parse(json) : json);
}
