import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { INVALID_TRANSITION } from '../domain/transition-error';
import { HttpError } from './http-errors';

/** Maps what the order workflow answered into the HTTP error a caller understands. */
export function fromWorkflowError(error: unknown, orderId: string): unknown {
  if (error instanceof WorkflowNotFoundError) {
    return new HttpError(404, 'order_not_found', `No order ${orderId}.`);
  }
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const failure = error.cause;
    if (failure.type === INVALID_TRANSITION) {
      const details = (failure.details?.[0] ?? {}) as Record<string, unknown>;
      return new HttpError(409, 'invalid_transition', failure.message, details);
    }
    return new HttpError(409, failure.type ?? 'rejected', failure.message);
  }
  return error;
}
