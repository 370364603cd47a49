import { ZodError } from 'zod';
import type { Queryable } from '../db/database';
import { readShipmentHistory } from './history/history-store';
import { trainAdaptiveModel } from './model/adaptive-levels';
import type { AdaptiveLevels, ModelSettings, WindowCalibration } from './model/delivery-model';
import { toTrainingExample } from './model/training-examples';
import { loadNewestModel, saveDeliveryModel, type StoredModel } from './model-store';

export interface RetrainResult {
  version: number;
  trainingRows: number;
  trainedThrough: string;
  lanes: number;
  calibration: WindowCalibration;
  adaptive: AdaptiveLevels | null;
}

/** The newest stored model; null when there is none or it is of a format this version cannot read. */
async function previousModel(db: Queryable): Promise<StoredModel | null> {
  try {
    return await loadNewestModel(db);
  } catch (error) {
    if (error instanceof ZodError || error instanceof SyntaxError) return null;
    throw error;
  }
}

/**
 * Trains a model on the whole shipment history and stores it as the next version. The adaptive
 * levels start from the newest stored model's and move by the shipments delivered since it was
 * trained, checked against the windows it gave them.
 */
export async function retrainFromHistory(
  db: Queryable,
  settings: Partial<ModelSettings> = {},
  trainedAt = new Date().toISOString(),
): Promise<RetrainResult> {
  const [history, previous] = await Promise.all([readShipmentHistory(db), previousModel(db)]);
  const model = trainAdaptiveModel(
    history.map(toTrainingExample),
    trainedAt.slice(0, 10),
    previous?.model ?? null,
    trainedAt,
    settings,
  );
  const version = await saveDeliveryModel(db, model);
  return {
    version,
    trainingRows: model.trainingRows,
    trainedThrough: model.trainedThrough,
    lanes: Object.keys(model.lanes).length,
    calibration: model.calibration,
    adaptive: model.adaptive ?? null,
  };
}
