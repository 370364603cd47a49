import { proxyActivities } from '@temporalio/workflow';
import type { PredictionActivities } from '../activities';

const { trainDeliveryModel } = proxyActivities<PredictionActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '30 seconds', maximumAttempts: 3 },
});

/** Learns a new delivery-date model from the shipment history; run by a Temporal Schedule. */
export async function retrainDeliveryModel(): Promise<
  Awaited<ReturnType<PredictionActivities['trainDeliveryModel']>>
> {
  return trainDeliveryModel();
}
