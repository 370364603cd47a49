import type { Database } from '../db/database';
import type { RetentionPolicy } from './policy';
import { purgeExpired, type PurgeCounts } from './purge';

export interface RetentionActivities {
  purgeExpiredRecords(): Promise<PurgeCounts>;
}

export function createRetentionActivities(deps: {
  db: Database;
  policy: RetentionPolicy;
}): RetentionActivities {
  return {
    purgeExpiredRecords: () => purgeExpired(deps.db, deps.policy),
  };
}
