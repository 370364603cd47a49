import type { ActivityOptions } from '@temporalio/workflow';
import { NON_RETRYABLE_DELIVERY_FAILURES } from '../sending/failure-types';

/**
 * Provider sends: exponential backoff on throttling, outages and timeouts; permanent errors are
 * thrown non-retryable and fail at once. The budget is 6 attempts, then the channel falls back.
 */
export const DELIVERY_ACTIVITY_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '30s',
  heartbeatTimeout: '10s',
  retry: {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '30s',
    maximumAttempts: 6,
    nonRetryableErrorTypes: NON_RETRYABLE_DELIVERY_FAILURES,
  },
};

/** Database bookkeeping: retried until the database is back. */
export const BOOKKEEPING_ACTIVITY_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '20s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s' },
};

/** How long a delivery claim blocks other attempts: past the heartbeat timeout, above any provider call. */
export const DELIVERY_LEASE_MS = 15_000;
