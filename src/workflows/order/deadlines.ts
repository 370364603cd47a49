import { upsertSearchAttributes } from '@temporalio/workflow';
import {
  latenessMinutes,
  nextRiskStep,
  riskWakeUpAt,
  stallEventId,
  type OpenException,
  type RiskMemory,
  type RiskStep,
} from '../../domain/promise/order-risk';
import { revisedDeliveryDate, type StageDeadlineSettings } from '../../domain/promise/stage-deadlines';
import { orderTotalMinor } from '../../domain/order-totals';
import { orderRecords } from './activity-options';
import {
  OrderAtRiskAttribute,
  OrderLatenessMinutesAttribute,
  OrderRiskStageAttribute,
  type OrderWorkflowSettings,
} from './contract';
import { envelope } from './envelopes';
import type { OrderSession } from './order-session';
import type { PatchCheck } from './release';
import { pollCarrier } from './track';

/**
 * Orders started before stage deadlines existed replay without them: every command this module adds
 * (timer times, exception activities, search attribute upserts) happens only behind this patch.
 */
export const STAGE_DEADLINES_PATCH = 'order-stage-deadlines';

/** The order's watch over its stage deadlines and its shipment's scans, with what it has raised. */
export class DeadlineWatch {
  readonly settings: StageDeadlineSettings | undefined;
  readonly memory: RiskMemory;

  constructor(settings: OrderWorkflowSettings, uses: PatchCheck, carried?: RiskMemory) {
    const watched = settings.deadlines !== undefined && uses(STAGE_DEADLINES_PATCH);
    this.settings = watched ? settings.deadlines : undefined;
    this.memory = carried ?? { open: [] };
  }

  carried(): RiskMemory | undefined {
    return this.settings ? this.memory : undefined;
  }
}

/** What is due about the order's deadlines right now, if anything. */
export function deadlineWorkDue(session: OrderSession): RiskStep | undefined {
  const { settings, memory } = session.deadlines;
  return settings ? nextRiskStep(session.state, settings, memory, Date.now()) : undefined;
}

/** When the current stage's deadline or the next stall check falls due. */
export function deadlineWakeUp(session: OrderSession): number | undefined {
  const { settings, memory } = session.deadlines;
  return settings ? riskWakeUpAt(session.state, settings, memory) : undefined;
}

/** Takes the one due step: clear, raise, poll a stalled shipment, flag it delayed or escalate it. */
export async function keepDeadlines(session: OrderSession): Promise<void> {
  const step = deadlineWorkDue(session);
  if (!step) return;
  const { memory } = session.deadlines;
  const orderId = session.order.orderId;
  switch (step.kind) {
    case 'clear':
      memory.open = memory.open.filter((open) => !step.stages.includes(open.stage));
      await orderRecords.resolveOrderExceptions({
        orderId,
        stages: step.stages,
        resolvedAt: new Date().toISOString(),
      });
      break;
    case 'raise':
      await raise(session, step.exception);
      break;
    case 'poll':
      memory.polledForScanAt = step.stall.lastScanAt;
      await pollCarrier(session);
      return;
    case 'stall':
      flagStalled(session, step.exception);
      await raise(session, step.exception);
      break;
  }
  publishRiskAttributes(session);
}

/** The stall as an order event: delayed, with a revised date; its ID makes each notice happen once. */
function flagStalled(session: OrderSession, exception: OpenException): void {
  const { settings } = session.deadlines;
  const stage = exception.stage as 'in_transit' | 'out_for_delivery';
  const revisedDelivery = revisedDeliveryDate(session.state, Date.now(), settings!.revisedDeliveryDays);
  const event = {
    type: 'shipment_stalled' as const,
    level: exception.level,
    trackingStatus: stage,
    lastScanAt: new Date(exception.lastScanAt!).toISOString(),
    revisedDelivery,
  };
  session.apply(envelope(event, stallEventId(stage, exception.level), 'system'));
}

export async function raise(session: OrderSession, exception: OpenException): Promise<void> {
  const { memory } = session.deadlines;
  memory.open = [...memory.open.filter((open) => open.stage !== exception.stage), exception];
  const { order } = session;
  await orderRecords.raiseOrderException({
    orderId: order.orderId,
    stage: exception.stage,
    level: exception.level,
    priority: exception.priority,
    dueAt: new Date(exception.dueAt).toISOString(),
    raisedAt: new Date(exception.raisedAt).toISOString(),
    latenessMinutes: latenessMinutes(exception, exception.raisedAt),
    orderValueMinor: orderTotalMinor(order),
    currency: order.currency,
    ...(order.customer.tier ? { customerTier: order.customer.tier } : {}),
    status: session.state.status,
  });
}

/** OrderAtRisk, OrderRiskStage and OrderLatenessMinutes for ops' searches; the latest raised leads. */
export function publishRiskAttributes(session: OrderSession): void {
  const open = session.deadlines.memory.open;
  const leading = open[open.length - 1];
  upsertSearchAttributes([
    { key: OrderAtRiskAttribute, value: leading !== undefined },
    { key: OrderRiskStageAttribute, value: leading ? leading.stage : null },
    {
      key: OrderLatenessMinutesAttribute,
      value: leading ? latenessMinutes(leading, leading.raisedAt) : null,
    },
  ]);
}
