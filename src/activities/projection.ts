import type { Database } from '../db/database';
import { writeOrderSnapshot, type OrderSnapshot } from '../orders/order-read-model';

export function createProjectionActivities(db: Database) {
  return {
    /** The order workflow's write to the read model (run as a local activity). */
    projectOrder: (snapshot: OrderSnapshot): Promise<{ written: boolean }> =>
      writeOrderSnapshot(db, snapshot),
  };
}
