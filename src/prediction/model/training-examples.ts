import { daysBetween, type ShipmentHistoryRecord } from '../history/shipment-history';
import type { TrainingExample } from './lanes';

export function toTrainingExample(record: ShipmentHistoryRecord): TrainingExample {
  return {
    carrier: record.carrier,
    service: record.service,
    deliveryTerms: record.deliveryTerms,
    originRegion: record.originRegion,
    destinationRegion: record.destinationRegion,
    promisedDate: record.promisedDate,
    residualDays: daysBetween(record.promisedDate, record.deliveredAt),
  };
}
