import type { Queryable } from '../db/database';
import { readShipmentHistory } from './history/history-store';
import type { ModelSettings, WindowCalibration } from './model/delivery-model';
import { trainDeliveryModel } from './model/train-model';
import { toTrainingExample } from './model/training-examples';
import { saveDeliveryModel } from './model-store';

export interface RetrainResult {
  version: number;
  trainingRows: number;
  trainedThrough: string;
  lanes: number;
  calibration: WindowCalibration;
}

/** Trains a model on the whole shipment history and stores it as the next version. */
export async function retrainFromHistory(
  db: Queryable,
  settings: Partial<ModelSettings> = {},
  trainedAt = new Date().toISOString(),
): Promise<RetrainResult> {
  const history = await readShipmentHistory(db);
  const model = trainDeliveryModel(history.map(toTrainingExample), trainedAt, settings);
  const version = await saveDeliveryModel(db, model);
  return {
    version,
    trainingRows: model.trainingRows,
    trainedThrough: model.trainedThrough,
    lanes: Object.keys(model.lanes).length,
    calibration: model.calibration,
  };
}
