import { proxyActivities } from '@temporalio/workflow';
import type { RetentionActivities } from '../activities';
import type { PurgeCounts } from '../purge';

const { purgeExpiredRecords } = proxyActivities<RetentionActivities>({
  startToCloseTimeout: '30 minutes',
  retry: { initialInterval: '1 minute', maximumAttempts: 5 },
});

/** One run of the retention purge (the schedule starts it daily); returns what it deleted per table. */
export async function purgeExpiredRecordsWorkflow(): Promise<PurgeCounts> {
  return purgeExpiredRecords();
}
