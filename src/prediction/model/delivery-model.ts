import { z } from 'zod';
import type { LaneAttribute } from './lanes';

export interface ModelSettings {
  /** Lane levels, most specific first (see DEFAULT_LANE_LEVELS). */
  levels: LaneAttribute[][];
  /** A lane's quantiles are used only when it has at least this many rows; otherwise back off. */
  minLaneRows: number;
  /** Weight, in rows, of the parent lane's late rate in a lane's late probability (Beta prior). */
  priorStrength: number;
  /** Share of the window's intended coverage, e.g. 0.95. */
  coverageTarget: number;
  /** Latest share of the training period (by promised date) held out to calibrate the window. */
  calibrationShare: number;
  /** Quantile levels learn only from the training period's latest this-many days; 0 uses all. */
  recentDays: number;
  /**
   * After calibrating on the held-out slice, learn the windows again from every training row (late
   * rates always learn from every row).
   */
  refitAfterCalibration: boolean;
}

/** Residual quantiles, in days from the promise, of the rows the window learned from. */
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

export interface WindowCalibration {
  /** Quantile levels of the residual that bound the window, after widening. */
  lowerLevel: number;
  upperLevel: number;
  /** Days added below and above the quantiles so the calibration slice is covered. */
  lowerMarginDays: number;
  upperMarginDays: number;
  calibrationRows: number;
  /** Coverage on the calibration slice at the nominal levels and after calibration (null: no slice). */
  coverageBefore: number | null;
  coverageAfter: number | null;
}

/** A trained model: plain JSON, so it can be stored, shipped and loaded anywhere. */
export interface DeliveryModel {
  format: 'lane-residual-quantiles/1';
  trainedAt: string;
  trainingRows: number;
  /** Latest promised date seen in training (YYYY-MM-DD). */
  trainedThrough: string;
  settings: ModelSettings;
  calibration: WindowCalibration;
  /** Keyed by laneKey(level, …). */
  lanes: Record<string, LaneSummary>;
}

export const DEFAULT_SETTINGS: Omit<ModelSettings, 'levels'> = {
  minLaneRows: 30,
  priorStrength: 20,
  coverageTarget: 0.95,
  calibrationShare: 0.2,
  recentDays: 0,
  refitAfterCalibration: false,
};

const laneAttribute = z.enum(['carrier', 'service', 'deliveryTerms', 'originRegion', 'destinationRegion']);

const modelSchema = z.object({
  format: z.literal('lane-residual-quantiles/1'),
  trainedAt: z.string(),
  trainingRows: z.number().int().nonnegative(),
  trainedThrough: z.string(),
  settings: z.object({
    levels: z.array(z.array(laneAttribute)),
    minLaneRows: z.number(),
    priorStrength: z.number(),
    coverageTarget: z.number(),
    calibrationShare: z.number(),
    recentDays: z.number(),
    refitAfterCalibration: z.boolean(),
  }),
  calibration: z.object({
    lowerLevel: z.number(),
    upperLevel: z.number(),
    lowerMarginDays: z.number(),
    upperMarginDays: z.number(),
    calibrationRows: z.number(),
    coverageBefore: z.number().nullable(),
    coverageAfter: z.number().nullable(),
  }),
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
