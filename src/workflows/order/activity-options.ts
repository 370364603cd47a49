import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { OrderActivities } from '../../activities';
import type { PredictionActivities } from '../../prediction/activities';
import { nonRetryableErrorTypes } from '../../carriers/http/errors';

// No attempt limit: a database outage delays the read model, it never loses an update.
const UNTIL_IT_WORKS = {
  initialInterval: '200 milliseconds',
  backoffCoefficient: 2,
  maximumInterval: '30 seconds',
};

/** Inventory and shipment records in the order's own database. */
export const orderRecords = proxyActivities<OrderActivities>({
  startToCloseTimeout: '30 seconds',
  retry: UNTIL_IT_WORKS,
});

// The read model write and the notice hand-over run as local activities: inside the workflow task
// that applied the event, without a round trip through the server's activity queue. This is what
// keeps a carrier event's way to the read model as short as a bare signal's.
export const readModel = proxyLocalActivities<OrderActivities>({
  startToCloseTimeout: '10 seconds',
  retry: UNTIL_IT_WORKS,
});

// Bounded (about two and a half minutes): a notice Temporal keeps refusing must not hold up the order.
export const noticeHandOver = proxyLocalActivities<OrderActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { ...UNTIL_IT_WORKS, maximumAttempts: 12 },
});

// Carrier calls are best effort: a failed registration or poll is retried a little, then left to
// the next poll; webhooks keep the order moving meanwhile.
export const carrierCalls = proxyActivities<OrderActivities>({
  startToCloseTimeout: '60 seconds',
  retry: {
    initialInterval: '1 second',
    maximumAttempts: 3,
    nonRetryableErrorTypes: [...nonRetryableErrorTypes],
  },
});

// A prediction is a table lookup on the worker's loaded model: a local activity, tried twice, then
// left out (the order goes on without a forecast).
export const predictions = proxyLocalActivities<PredictionActivities>({
  startToCloseTimeout: '5 seconds',
  retry: { initialInterval: '200 milliseconds', maximumAttempts: 2 },
});

/** The delivered shipment's row in the shipment history (keyed, so a retry adds nothing). */
export const predictionRecords = proxyActivities<PredictionActivities>({
  startToCloseTimeout: '30 seconds',
  retry: UNTIL_IT_WORKS,
});
