import type { Database } from '../db/database';
import type { RiskStage } from '../domain/promise/stage-deadlines';
import { raiseException, resolveExceptions, type RaisedException } from '../orders/order-exceptions';

/** The ops exception queue, written by the order workflow when a stage runs late and when it completes. */
export function createOrderExceptionActivities(db: Database) {
  return {
    async raiseOrderException(raised: RaisedException): Promise<void> {
      await raiseException(db, raised);
    },
    async resolveOrderExceptions(input: { orderId: string; stages: RiskStage[]; resolvedAt: string }) {
      await resolveExceptions(db, input);
    },
  };
}
