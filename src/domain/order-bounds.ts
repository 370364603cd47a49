import type { ApplyResult, OrderState } from './order-lifecycle';
import { isTerminal } from './order-status';

/** Timeline entries an order keeps in its workflow state unless its settings say otherwise. */
export const DEFAULT_MAX_TIMELINE_ENTRIES = 500;

/**
 * Pure: whether an order whose timeline is at its bound takes an event from outside (warehouse, ops,
 * carrier). Below the bound, every event. At it, only what closes the order (delivered, cancelled,
 * returned) or is a repeat, so callers cannot grow the workflow's history and carried state without
 * limit, yet an order can always still finish.
 */
export function takesExternalEvent(
  before: OrderState,
  result: Pick<ApplyResult, 'outcome' | 'state'>,
  maxTimelineEntries: number,
): boolean {
  if (before.timeline.length < maxTimelineEntries) return true;
  if (result.outcome === 'duplicate') return true;
  const closes = result.state.status === 'delivered' || isTerminal(result.state.status);
  return closes && result.state.status !== before.status;
}
