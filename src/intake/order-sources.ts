import type { Queryable } from '../db/database';
import { dbTimestamp } from './db-text';

export interface OrderSource {
  orderId: string;
  channel: string;
  accountId: string;
  externalId: string;
  sourceVersion?: string;
  via: 'webhook' | 'rest' | 'web' | 'replay' | 'reconciliation';
}

/**
 * True when the channel already sent a newer version of this order than the one in hand
 * (Shopify's X-Shopify-Triggered-At, WooCommerce's date_modified_gmt, Square's updated_at).
 */
export async function isStaleVersion(
  db: Queryable,
  orderId: string,
  sourceVersion: string | undefined,
): Promise<boolean> {
  const version = dbTimestamp(sourceVersion);
  if (!version) return false;
  const { rows } = await db.query<{ stale: boolean }>(
    'SELECT source_version > $2::timestamptz AS stale FROM intake_order_sources WHERE order_id = $1',
    [orderId, version],
  );
  return rows[0]?.stale === true;
}

/** Records that the order was handed to the order core, keeping the newest source version seen. */
export async function recordOrderSource(db: Queryable, source: OrderSource): Promise<void> {
  const version =
    source.sourceVersion && !Number.isNaN(Date.parse(source.sourceVersion)) ? source.sourceVersion : null;
  await db.query(
    `INSERT INTO intake_order_sources (order_id, channel, account_id, external_id, source_version, via)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (order_id) DO UPDATE SET
       source_version = GREATEST(intake_order_sources.source_version, EXCLUDED.source_version), updated_at = now()`,
    [source.orderId, source.channel, source.accountId, source.externalId, version, source.via],
  );
}

/** Of these order IDs, the ones the intake has never handed to the order core. */
export async function unknownOrderIds(db: Queryable, orderIds: string[]): Promise<string[]> {
  if (orderIds.length === 0) return [];
  const { rows } = await db.query<{ order_id: string }>(
    'SELECT order_id FROM intake_order_sources WHERE order_id = ANY($1::text[])',
    [orderIds],
  );
  const known = new Set(rows.map((row) => row.order_id));
  return orderIds.filter((id) => !known.has(id));
}
