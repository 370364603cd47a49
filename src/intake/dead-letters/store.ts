import type { Queryable } from '../../db/database';
import type { FieldProblem, ImpactHints } from '../types';
import { dbJson, dbText, dbTimestamp } from '../db-text';
import { impactPriority } from './priority';

export type DeadLetterStage = 'verification' | 'parsing' | 'fetch' | 'validation';
export type DeadLetterStatus = 'open' | 'replayed' | 'discarded';

export interface NewDeadLetter {
  channel: string;
  accountId?: string | null;
  deliveryId?: string | null;
  stage: DeadLetterStage;
  rawBody: Buffer | string;
  /** Only the headers needed to replay (signatures, delivery IDs, topic); never credentials. */
  headers?: Record<string, string>;
  errors: FieldProblem[];
  orderId?: string | null;
  hints?: ImpactHints;
  /** The body is what the channel signed; by default, when it got past verification. */
  verified?: boolean;
}

/** Bytes of a dead letter's body kept by default (see IntakeConfig.deadLetters.maxStoredBodyBytes). */
export const DEFAULT_STORED_BODY_BYTES = 256 * 1024;

export interface DeadLetterSummary {
  id: number;
  channel: string;
  accountId: string | null;
  deliveryId: string | null;
  stage: DeadLetterStage;
  status: DeadLetterStatus;
  errors: FieldProblem[];
  orderId: string | null;
  valueMinor: number | null;
  currency: string | null;
  customerTier: string | null;
  placedAt: string | null;
  attempts: number;
  corrected: boolean;
  /** The body is the one its channel signed: false once it failed verification or was corrected. */
  verified: boolean;
  /** Only the first bytes were kept (`bodyBytes` is the size it came with). */
  bodyTruncated: boolean;
  bodyBytes: number | null;
  receivedAt: string;
  lastSeenAt: string;
  resolution: string | null;
  priority: number;
}

export interface DeadLetter extends DeadLetterSummary {
  rawBody: Buffer;
  headers: Record<string, string>;
}

export interface AuditEntry {
  action: string;
  actor: string;
  reason: string | null;
  details: Record<string, unknown>;
  at: string;
}

interface Row {
  id: number;
  channel: string;
  account_id: string | null;
  delivery_id: string | null;
  stage: DeadLetterStage;
  status: DeadLetterStatus;
  raw_body: Buffer;
  headers: Record<string, string>;
  errors: FieldProblem[];
  order_id: string | null;
  value_minor: number | null;
  currency: string | null;
  customer_tier: string | null;
  placed_at: Date | null;
  attempts: number;
  corrected: boolean;
  verified: boolean;
  body_truncated: boolean;
  body_bytes: number | null;
  received_at: Date;
  last_seen_at: Date;
  resolution: string | null;
}

function toSummary(row: Row, now: Date): DeadLetterSummary {
  return {
    id: Number(row.id),
    channel: row.channel,
    accountId: row.account_id,
    deliveryId: row.delivery_id,
    stage: row.stage,
    status: row.status,
    errors: row.errors,
    orderId: row.order_id,
    valueMinor: row.value_minor === null ? null : Number(row.value_minor),
    currency: row.currency,
    customerTier: row.customer_tier,
    placedAt: row.placed_at ? new Date(row.placed_at).toISOString() : null,
    attempts: row.attempts,
    corrected: row.corrected,
    verified: row.verified,
    bodyTruncated: row.body_truncated,
    bodyBytes: row.body_bytes === null ? null : Number(row.body_bytes),
    receivedAt: new Date(row.received_at).toISOString(),
    lastSeenAt: new Date(row.last_seen_at).toISOString(),
    resolution: row.resolution,
    priority: impactPriority(
      {
        channel: row.channel,
        valueMinor: row.value_minor === null ? null : Number(row.value_minor),
        customerTier: row.customer_tier,
        placedAt: row.placed_at,
        receivedAt: row.received_at,
      },
      now,
    ),
  };
}

function safeInteger(value: number | undefined): number | null {
  return value !== undefined && Number.isSafeInteger(value) ? value : null;
}

/**
 * Stores a payload that could not become an order, with what ops need to fix and replay it. A channel
 * redelivering the same failing delivery updates the open dead letter instead of adding another.
 */
export async function recordDeadLetter(
  db: Queryable,
  letter: NewDeadLetter,
  maxBodyBytes = DEFAULT_STORED_BODY_BYTES,
): Promise<number> {
  const hints = letter.hints ?? {};
  const body = Buffer.isBuffer(letter.rawBody) ? letter.rawBody : Buffer.from(letter.rawBody, 'utf8');
  const truncated = body.length > maxBodyBytes;
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO intake_dead_letters
       (channel, account_id, delivery_id, stage, raw_body, headers, errors, order_id, value_minor, currency,
        customer_tier, placed_at, verified, body_bytes, body_truncated)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (channel, account_id, delivery_id) WHERE delivery_id IS NOT NULL AND status = 'open'
     DO UPDATE SET stage = EXCLUDED.stage, raw_body = EXCLUDED.raw_body, headers = EXCLUDED.headers,
       errors = EXCLUDED.errors, verified = EXCLUDED.verified, body_bytes = EXCLUDED.body_bytes,
       body_truncated = EXCLUDED.body_truncated, corrected = false,
       attempts = intake_dead_letters.attempts + 1, last_seen_at = now()
     RETURNING id`,
    [
      dbText(letter.channel, 40),
      dbText(letter.accountId ?? hints.accountId ?? null, 128),
      dbText(letter.deliveryId ?? null, 200),
      letter.stage,
      truncated ? body.subarray(0, maxBodyBytes) : body,
      dbJson(letter.headers ?? {}),
      dbJson(letter.errors.slice(0, 100)),
      dbText(letter.orderId ?? null, 300),
      safeInteger(hints.valueMinor),
      dbText(hints.currency, 3),
      dbText(hints.customerTier, 40),
      dbTimestamp(hints.placedAt),
      letter.verified ?? letter.stage !== 'verification',
      body.length,
      truncated,
    ],
  );
  return Number(rows[0]?.id);
}

/** Replays that fail again update their own dead letter. */
export async function refreshDeadLetter(
  db: Queryable,
  id: number,
  stage: DeadLetterStage,
  errors: FieldProblem[],
): Promise<void> {
  await db.query(
    `UPDATE intake_dead_letters SET stage = $2, errors = $3, attempts = attempts + 1, last_seen_at = now() WHERE id = $1`,
    [id, stage, dbJson(errors.slice(0, 100))],
  );
}

export interface ListOptions {
  status?: DeadLetterStatus;
  channel?: string;
  limit?: number;
  now?: Date;
}

/** Dead letters most urgent first (priority is computed at read time, because it grows with age). */
export async function listDeadLetters(
  db: Queryable,
  options: ListOptions = {},
): Promise<DeadLetterSummary[]> {
  const now = options.now ?? new Date();
  const { rows } = await db.query<Row>(
    `SELECT id, channel, account_id, delivery_id, stage, status, errors, order_id, value_minor, currency,
            customer_tier, placed_at, attempts, corrected, verified, body_truncated, body_bytes, received_at,
            last_seen_at, resolution
     FROM intake_dead_letters WHERE status = $1 AND ($2::text IS NULL OR channel = $2)
     ORDER BY received_at DESC LIMIT 5000`,
    [options.status ?? 'open', options.channel ?? null],
  );
  return rows
    .map((row) => toSummary(row, now))
    .sort((a, b) => b.priority - a.priority || a.id - b.id)
    .slice(0, options.limit ?? 50);
}

export async function getDeadLetter(
  db: Queryable,
  id: number,
  now = new Date(),
): Promise<DeadLetter | undefined> {
  const { rows } = await db.query<Row>('SELECT * FROM intake_dead_letters WHERE id = $1', [id]);
  const row = rows[0];
  if (!row) return undefined;
  return { ...toSummary(row, now), rawBody: Buffer.from(row.raw_body), headers: row.headers };
}

export async function auditDeadLetter(
  db: Queryable,
  id: number,
  action: string,
  actor: string,
  reason: string | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  await db.query(
    'INSERT INTO intake_dead_letter_audit (dead_letter_id, action, actor, reason, details) VALUES ($1, $2, $3, $4, $5)',
    [id, action, dbText(actor, 200), dbText(reason, 2000), dbJson(details)],
  );
}

export async function auditTrail(db: Queryable, id: number): Promise<AuditEntry[]> {
  const { rows } = await db.query<{
    action: string;
    actor: string;
    reason: string | null;
    details: Record<string, unknown>;
    at: Date;
  }>(
    'SELECT action, actor, reason, details, at FROM intake_dead_letter_audit WHERE dead_letter_id = $1 ORDER BY id',
    [id],
  );
  return rows.map((row) => ({ ...row, at: new Date(row.at).toISOString() }));
}

/** A corrected body is no longer what the channel signed: the letter loses its verified mark. */
export async function replaceDeadLetterBody(db: Queryable, id: number, rawBody: Buffer): Promise<void> {
  await db.query(
    `UPDATE intake_dead_letters SET raw_body = $2, corrected = true, verified = false, body_truncated = false,
       body_bytes = $3 WHERE id = $1`,
    [id, rawBody, rawBody.length],
  );
}

export async function resolveDeadLetter(
  db: Queryable,
  id: number,
  status: Exclude<DeadLetterStatus, 'open'>,
  resolution: string,
): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE intake_dead_letters SET status = $2, resolution = $3, resolved_at = now()
     WHERE id = $1 AND status = 'open' RETURNING 1`,
    [id, status, dbText(resolution, 2000)],
  );
  return rows.length > 0;
}

/** Closes the open dead letter of a delivery the channel has now redelivered successfully. */
export async function resolveByDelivery(
  db: Queryable,
  channel: string,
  accountId: string,
  deliveryId: string,
  orderId: string | null,
): Promise<void> {
  const { rows } = await db.query<{ id: number }>(
    `UPDATE intake_dead_letters SET status = 'replayed', resolution = 'redelivered by the channel', resolved_at = now(),
       order_id = COALESCE($4, order_id)
     WHERE channel = $1 AND account_id = $2 AND delivery_id = $3 AND status = 'open' RETURNING id`,
    [channel, accountId, deliveryId, orderId],
  );
  for (const row of rows)
    await auditDeadLetter(db, Number(row.id), 'redelivered', `channel:${channel}`, null, { orderId });
}
