import type { CanonicalOrder } from '../order';
import { promiseFor } from './delivery-promise';
import { policyFor, type PromiseConfig } from './promise-policy';
import { stageDeadlineSettings, type StageDeadlineSettings } from './stage-deadlines';

export interface AdmittedOrder {
  /** The order with its promise: the channel's date, or one derived from its service level. */
  order: CanonicalOrder;
  deadlines: StageDeadlineSettings;
}

/** Gives an order its promise and stage deadlines as it is admitted at `nowMs`. */
export function admitOrder(order: CanonicalOrder, config: PromiseConfig, nowMs: number): AdmittedOrder {
  const promise = promiseFor(order, config);
  const policy = policyFor(config, order.channel, order.accountId);
  return {
    order: { ...order, promisedDeliveryDate: promise.promisedDeliveryDate, promiseSource: promise.source },
    deadlines: stageDeadlineSettings(order, promise, policy, nowMs),
  };
}
