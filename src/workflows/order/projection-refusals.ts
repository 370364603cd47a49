import { ActivityFailure, ApplicationFailure, log } from '@temporalio/workflow';
import { PROJECTION_REJECTED_FAILURE } from './contract';
import type { OrderSession } from './order-session';
import { projectOrder } from './project';

/** Orders that met a refused read-model write go on past it (older histories never met one). */
export const PROJECTION_REFUSALS_PATCH = 'order-projection-refusals';

/**
 * Writes the read model; a version PostgreSQL refused for its data (recorded for ops by the
 * activity) is passed over, so notices and later events go on and the next write, keyed by version,
 * brings the read model to the newest state. Any other failure is retried by the activity.
 */
export async function projectOrderPastRefusals(session: OrderSession): Promise<void> {
  try {
    await projectOrder(session);
  } catch (error) {
    if (!isRefusedWrite(error) || !session.uses(PROJECTION_REFUSALS_PATCH)) throw error;
    log.error('read model refused this version of the order; going on without it', {
      orderId: session.order.orderId,
      version: session.state.version,
    });
    session.projectedVersion = Math.max(session.projectedVersion, session.state.version);
  }
}

/** The activity's refusal, as the local activity reports it (bare, or wrapped in an ActivityFailure). */
function isRefusedWrite(error: unknown): boolean {
  const failure = error instanceof ActivityFailure ? error.cause : error;
  return failure instanceof ApplicationFailure && failure.type === PROJECTION_REJECTED_FAILURE;
}
