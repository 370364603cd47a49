import type { Database } from '../db/database';
import { recordProjectionLag } from '../observability/read-model-metrics';
import { writeOrderSnapshot, type OrderSnapshot } from '../orders/order-read-model';

export function createProjectionActivities(db: Database) {
  return {
    /** The order workflow's write to the read model (run as a local activity). */
    async projectOrder(snapshot: OrderSnapshot): Promise<{ written: boolean }> {
      const result = await writeOrderSnapshot(db, snapshot);
      if (result.written) recordProjectionLag(snapshot.newEntries);
      return result;
    },
  };
}
