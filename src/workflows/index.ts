export { orderWorkflow } from './order/order-workflow';
// Scheduled reconciliation of sales channels runs on the order worker too.
export { reconcileChannels } from '../intake/workflows/reconcile-channels';
export { retrainDeliveryModel } from '../prediction/workflows/retrain-delivery-model';
export { purgeExpiredRecordsWorkflow } from '../retention/workflows/purge-expired-records';
