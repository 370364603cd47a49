import type { Queryable } from '../db/database';
import { parseModel, type DeliveryModel } from './model/delivery-model';

export interface StoredModel {
  version: number;
  model: DeliveryModel;
}

/** Stores a trained model as the next version. */
export async function saveDeliveryModel(db: Queryable, model: DeliveryModel): Promise<number> {
  const result = await db.query<{ version: number }>(
    `INSERT INTO delivery_models (trained_at, training_rows, model) VALUES ($1, $2, $3) RETURNING version`,
    [model.trainedAt, model.trainingRows, JSON.stringify(model)],
  );
  return Number(result.rows[0]!.version);
}

export async function newestModelVersion(db: Queryable): Promise<number | null> {
  const result = await db.query<{ version: number | null }>(
    `SELECT max(version) AS version FROM delivery_models`,
  );
  const version = result.rows[0]?.version;
  return version === null || version === undefined ? null : Number(version);
}

export async function loadNewestModel(db: Queryable): Promise<StoredModel | null> {
  const result = await db.query<{ version: number; model: unknown }>(
    `SELECT version, model FROM delivery_models ORDER BY version DESC LIMIT 1`,
  );
  const row = result.rows[0];
  return row ? { version: Number(row.version), model: parseModel(row.model) } : null;
}
