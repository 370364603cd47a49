import type { Queryable } from '../db/database';
import { CUSTOMER_TIERS, type CustomerTier } from '../domain/order';
import { EXCEPTION_PRIORITIES, type ExceptionPriority } from '../domain/promise/order-risk';
import type { RiskStage } from '../domain/promise/stage-deadlines';

/** One exception as the order workflow raises it. */
export interface RaisedException {
  orderId: string;
  stage: RiskStage;
  level: 1 | 2;
  priority: ExceptionPriority;
  /** The order's status when raised. */
  status: string;
  dueAt: string;
  raisedAt: string;
  latenessMinutes: number;
  orderValueMinor: number;
  currency: string;
  customerTier?: CustomerTier;
}

export interface OpenExceptionRow extends Omit<RaisedException, 'customerTier'> {
  customerTier: CustomerTier | null;
}

/**
 * Opens (or reopens, or escalates) the order's exception for the stage. A retried or replayed raise
 * writes the same row again; an older, lower level never overwrites an escalation.
 */
export async function raiseException(db: Queryable, raised: RaisedException): Promise<void> {
  await db.query(
    `INSERT INTO order_exceptions (order_id, stage, level, priority, priority_rank, order_status, due_at,
       raised_at, lateness_minutes, order_value_minor, currency, customer_tier, tier_rank, resolved_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, NULL)
     ON CONFLICT (order_id, stage) DO UPDATE SET level = EXCLUDED.level, priority = EXCLUDED.priority,
       priority_rank = EXCLUDED.priority_rank, order_status = EXCLUDED.order_status, due_at = EXCLUDED.due_at,
       raised_at = EXCLUDED.raised_at, lateness_minutes = EXCLUDED.lateness_minutes,
       order_value_minor = EXCLUDED.order_value_minor, currency = EXCLUDED.currency,
       customer_tier = EXCLUDED.customer_tier, tier_rank = EXCLUDED.tier_rank, resolved_at = NULL
     WHERE order_exceptions.resolved_at IS NOT NULL OR order_exceptions.level <= EXCLUDED.level`,
    [
      raised.orderId,
      raised.stage,
      raised.level,
      raised.priority,
      EXCEPTION_PRIORITIES.indexOf(raised.priority),
      raised.status,
      raised.dueAt,
      raised.raisedAt,
      raised.latenessMinutes,
      raised.orderValueMinor,
      raised.currency,
      raised.customerTier ?? null,
      raised.customerTier ? CUSTOMER_TIERS.indexOf(raised.customerTier) : 0,
    ],
  );
}

/** Closes the order's open exceptions for stages it has completed. */
export async function resolveExceptions(
  db: Queryable,
  input: { orderId: string; stages: RiskStage[]; resolvedAt: string },
): Promise<void> {
  await db.query(
    `UPDATE order_exceptions SET resolved_at = $3
     WHERE order_id = $1 AND stage = ANY($2::text[]) AND resolved_at IS NULL`,
    [input.orderId, input.stages, input.resolvedAt],
  );
}

interface ExceptionRow {
  order_id: string;
  stage: RiskStage;
  level: number;
  priority: ExceptionPriority;
  order_status: string;
  due_at: Date | string;
  raised_at: Date | string;
  lateness_minutes: number;
  order_value_minor: string | number;
  currency: string;
  customer_tier: CustomerTier | null;
}

const iso = (value: Date | string) => new Date(value).toISOString();

/**
 * Open exceptions, most urgent first: by priority, then impact — the order's value, how late it is
 * (now, or when raised if the clocks disagree), the customer's tier.
 */
export async function listOpenExceptions(db: Queryable, limit: number): Promise<OpenExceptionRow[]> {
  const { rows } = await db.query<ExceptionRow>(
    `SELECT order_id, stage, level, priority, order_status, due_at, raised_at, customer_tier, currency,
       order_value_minor,
       GREATEST(lateness_minutes, floor(extract(epoch FROM now() - due_at) / 60))::integer AS lateness_minutes
     FROM order_exceptions WHERE resolved_at IS NULL
     ORDER BY priority_rank DESC, order_value_minor DESC, lateness_minutes DESC, tier_rank DESC, order_id, stage
     LIMIT $1`,
    [limit],
  );
  return rows.map((row) => ({
    orderId: row.order_id,
    stage: row.stage,
    level: row.level === 2 ? 2 : 1,
    priority: row.priority,
    status: row.order_status,
    dueAt: iso(row.due_at),
    raisedAt: iso(row.raised_at),
    latenessMinutes: row.lateness_minutes,
    orderValueMinor: Number(row.order_value_minor),
    currency: row.currency,
    customerTier: row.customer_tier,
  }));
}
