export { createIntake } from './create-intake';
export {
  createIntakeFlow,
  createIntakeRouter,
  type IntakeFlow,
  type IntakeOptions,
} from './http/intake-router';
export { recordRejectedOrder } from './dead-letters/record-rejected';
export { createReconcileActivities, type ReconcileActivities } from './activities';
export { upsertReconcileSchedule, RECONCILE_SCHEDULE_ID } from './reconcile/schedule';
export { loadIntakeConfig, parseIntakeConfig, type IntakeConfig, type IntakeConfigInput } from './config';
export { issueChannelApiKey, revokeChannelApiKey } from './api-keys';
export type { OrderCanceller } from './cancellations';
export type { IntakeOutcome } from './outcome';
export { admitDelivery } from './flow/admit-delivery';
