import { ApplicationFailure, log } from '@temporalio/activity';
import type { Database } from '../db/database';
import { recordProjectionLag } from '../observability/read-model-metrics';
import { currentTraceContext } from '../observability/trace-context';
import type { OrderNotificationRequest } from '../domain/order-notices';
import { writeOrderSnapshot, type OrderSnapshot } from '../orders/order-read-model';
import { dataErrorState, recordProjectionFailure } from '../orders/projection-failures';
import { PROJECTION_REJECTED_FAILURE } from '../workflows/order/contract';

export function createProjectionActivities(db: Database) {
  return {
    /**
     * The order workflow's write to the read model (run as a local activity), with the notices it
     * brings into the outbox in the same transaction. A write refused for its data is recorded for
     * ops and fails without retry (the workflow sends those notices itself); any other failure is
     * retried.
     */
    async projectOrder(
      snapshot: OrderSnapshot & { notices?: OrderNotificationRequest[] },
    ): Promise<{ written: boolean }> {
      try {
        const result = await writeOrderSnapshot(db, snapshot, {
          notices: snapshot.notices ?? [],
          traceContext: currentTraceContext(),
        });
        if (result.written) recordProjectionLag(snapshot.newEntries);
        return result;
      } catch (error) {
        const sqlstate = dataErrorState(error);
        if (!sqlstate) throw error;
        const { orderId } = snapshot.order;
        const message = error instanceof Error ? error.message : String(error);
        log.error('read model refused the order’s data; the order goes on without this version', {
          orderId,
          version: snapshot.version,
          sqlstate,
          error: message,
        });
        await recordProjectionFailure(db, { orderId, version: snapshot.version, sqlstate, message });
        throw ApplicationFailure.create({
          type: PROJECTION_REJECTED_FAILURE,
          message: `Order ${orderId} version ${snapshot.version}: ${message} (SQLSTATE ${sqlstate})`,
          nonRetryable: true,
        });
      }
    },
  };
}
