import type { OrderState } from '../order-lifecycle';
import {
  stageDeadline,
  stallOf,
  type RiskStage,
  type Stall,
  type StageDeadlineSettings,
} from './stage-deadlines';

/** Ops work the exception queue by priority first: an escalated stall outranks a missed pick. */
export const EXCEPTION_PRIORITIES = ['normal', 'high', 'urgent'] as const;
export type ExceptionPriority = (typeof EXCEPTION_PRIORITIES)[number];

/** An exception the order has raised and not yet cleared. */
export interface OpenException {
  stage: RiskStage;
  /** 1 when raised, 2 once a stalled shipment is escalated. */
  level: 1 | 2;
  priority: ExceptionPriority;
  dueAt: number;
  raisedAt: number;
  /** For a stalled shipment: the scan it has waited on since. */
  lastScanAt?: number;
}

/** What the order remembers of its risks (carried over continue-as-new). */
export interface RiskMemory {
  open: OpenException[];
  /** The last scan for which the carrier was already polled because the shipment stalled. */
  polledForScanAt?: number;
}

export type RiskStep =
  | { kind: 'clear'; stages: RiskStage[] }
  | { kind: 'raise'; exception: OpenException }
  | { kind: 'poll'; stall: Stall }
  | { kind: 'stall'; stall: Stall; exception: OpenException };

export const latenessMinutes = (exception: OpenException, nowMs: number) =>
  Math.max(0, Math.floor((nowMs - exception.dueAt) / 60_000));

/** An open exception whose stage the order has since completed (or whose shipment moved again). */
function isResolved(exception: OpenException, state: OrderState, settings: StageDeadlineSettings): boolean {
  if (exception.lastScanAt !== undefined) {
    const stall = stallOf(state, settings);
    return stall?.stage !== exception.stage || stall.lastScanAt !== exception.lastScanAt;
  }
  return stageDeadline(state, settings)?.stage !== exception.stage;
}

const stallException = (stall: Stall, level: 1 | 2, nowMs: number): OpenException => ({
  stage: stall.stage,
  level,
  priority: level === 1 ? 'high' : 'urgent',
  dueAt: stall.pollAt,
  raisedAt: nowMs,
  lastScanAt: stall.lastScanAt,
});

/**
 * The one thing to do now about the order's deadlines, if any: clear what is resolved, raise a missed
 * stage deadline, poll the carrier for a stalled shipment, flag it delayed, or escalate it.
 */
export function nextRiskStep(
  state: OrderState,
  settings: StageDeadlineSettings,
  memory: RiskMemory,
  nowMs: number,
): RiskStep | undefined {
  const resolved = memory.open.filter((exception) => isResolved(exception, state, settings));
  if (resolved.length > 0) return { kind: 'clear', stages: resolved.map((exception) => exception.stage) };

  const deadline = stageDeadline(state, settings);
  if (deadline && nowMs >= deadline.dueAt && !memory.open.some((open) => open.stage === deadline.stage)) {
    const priority = deadline.stage === 'delivery' ? 'high' : 'normal';
    return {
      kind: 'raise',
      exception: { stage: deadline.stage, level: 1, priority, dueAt: deadline.dueAt, raisedAt: nowMs },
    };
  }

  const stall = stallOf(state, settings);
  if (!stall) return undefined;
  const level = memory.open.find((open) => open.stage === stall.stage)?.level ?? 0;
  if (level === 0 && nowMs >= stall.pollAt) {
    if (memory.polledForScanAt !== stall.lastScanAt) return { kind: 'poll', stall };
    return { kind: 'stall', stall, exception: stallException(stall, 1, nowMs) };
  }
  if (level === 1 && nowMs >= stall.escalateAt)
    return { kind: 'stall', stall, exception: stallException(stall, 2, nowMs) };
  return undefined;
}

/** When the next deadline or stall check falls due, for the order's one durable timer. */
export function riskWakeUpAt(
  state: OrderState,
  settings: StageDeadlineSettings,
  memory: RiskMemory,
): number | undefined {
  const times: number[] = [];
  const deadline = stageDeadline(state, settings);
  if (deadline && !memory.open.some((open) => open.stage === deadline.stage)) times.push(deadline.dueAt);
  const stall = stallOf(state, settings);
  const level = stall ? (memory.open.find((open) => open.stage === stall.stage)?.level ?? 0) : 2;
  if (stall && level === 0) times.push(stall.pollAt);
  if (stall && level === 1) times.push(stall.escalateAt);
  return times.length > 0 ? Math.min(...times) : undefined;
}

/** The stalled-shipment event's ID: one per order, stage and level, so each notice goes out at most once. */
export const stallEventId = (stage: RiskStage, level: 1 | 2) => `stalled:${stage}:${level}`;
