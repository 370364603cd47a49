import { ApplicationFailure } from '@temporalio/workflow';
import type { OrderEventEnvelope } from '../../domain/order-events';
import { DEFAULT_MAX_TIMELINE_ENTRIES, takesExternalEvent } from '../../domain/order-bounds';
import { applyOrderEvent, type ApplyResult, type OrderState } from '../../domain/order-lifecycle';
import type { OrderWorkflowSettings } from './contract';
import { now } from './envelopes';
import type { PatchCheck } from './release';

/**
 * Orders that record this marker drop carrier events once their timeline is at its bound. Updates
 * need no marker: a validator's refusal writes nothing to history.
 */
export const ORDER_EVENT_BOUNDS_PATCH = 'order-event-bounds';

/** The failure type of an event refused at the bound; the API answers it 409 with this code. */
export const ORDER_EVENT_LIMIT = 'order_event_limit';

export function maxTimelineEntriesOf(settings: OrderWorkflowSettings): number {
  return settings.maxTimelineEntries ?? DEFAULT_MAX_TIMELINE_ENTRIES;
}

/** Update validators: at the bound, only an event that closes the order (or a repeat) is taken. */
export function assertRoomFor(state: OrderState, result: ApplyResult, settings: OrderWorkflowSettings): void {
  const max = maxTimelineEntriesOf(settings);
  if (takesExternalEvent(state, result, max)) return;
  throw ApplicationFailure.create({
    type: ORDER_EVENT_LIMIT,
    message: `The order keeps at most ${max} timeline entries; only an event that closes it is taken now.`,
    nonRetryable: true,
  });
}

/** Carrier events (pushed or polled): false when the order is at its bound and this one would not close it. */
export function carrierEventFits(
  state: OrderState,
  next: OrderEventEnvelope,
  settings: OrderWorkflowSettings,
  uses: PatchCheck,
): boolean {
  const max = maxTimelineEntriesOf(settings);
  if (state.timeline.length < max) return true;
  if (takesExternalEvent(state, applyOrderEvent(state, next, now()), max)) return true;
  return !uses(ORDER_EVENT_BOUNDS_PATCH);
}
