import { ApplicationFailure } from '@temporalio/workflow';
import type { OrderState } from '../../domain/order-lifecycle';
import { InvalidTransitionError } from '../../domain/transition-error';
import type { OrderView } from './contract';

export function viewOf(state: OrderState): OrderView {
  const { timeline, appliedEventIds: _ids, ...rest } = state;
  return { ...rest, timelineLength: timeline.length };
}

/** Lifecycle errors leave the workflow as typed, non-retryable failures the API turns into 409s. */
export function toFailure(error: unknown): unknown {
  if (error instanceof InvalidTransitionError) {
    return ApplicationFailure.create({
      type: error.type,
      message: error.message,
      nonRetryable: true,
      details: [error.toDetails()],
    });
  }
  return error;
}
