import type { Queryable } from '../db/database';
import { predictDelivery, type DeliveryPrediction, type ShipmentToPredict } from './model/predict';
import { loadNewestModel, newestModelVersion, type StoredModel } from './model-store';

export interface PredictorOptions {
  /** How often, at most, to ask the database whether a newer model was stored. */
  checkEveryMs?: number;
  now?: () => number;
}

/**
 * Predicts with the newest stored model and picks up a newer version without a restart: at most
 * once per checkEveryMs it compares versions and loads the model only when the version changed.
 */
export class LatestModelPredictor {
  private current: StoredModel | null = null;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private readonly checkEveryMs: number;
  private readonly now: () => number;

  constructor(
    private readonly db: Queryable,
    options: PredictorOptions = {},
  ) {
    this.checkEveryMs = options.checkEveryMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** The prediction and the model version it came from; null while no model has been trained. */
  async predict(
    shipment: ShipmentToPredict,
  ): Promise<{ modelVersion: number; prediction: DeliveryPrediction } | null> {
    const stored = await this.model();
    return stored && { modelVersion: stored.version, prediction: predictDelivery(stored.model, shipment) };
  }

  async model(): Promise<StoredModel | null> {
    if (this.now() - this.checkedAt >= this.checkEveryMs) {
      this.checkedAt = this.now();
      const version = await newestModelVersion(this.db);
      if (version !== null && version !== this.current?.version)
        this.current = await loadNewestModel(this.db);
    }
    return this.current;
  }
}
