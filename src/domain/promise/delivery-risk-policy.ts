import type { SalesChannel } from '../order';
import type { DeliveryRiskConfig, DeliveryRiskPolicy } from './delivery-risk-config';

// The configuration's schemas live in delivery-risk-config.ts: workflow code reads policies
// without loading zod, whose schemas would otherwise be built again in every workflow's context.
export type { DeliveryRiskConfig, DeliveryRiskPolicy };

export const DEFAULT_DELIVERY_RISK_POLICY: DeliveryRiskPolicy = {
  atRiskThreshold: 0.5,
  chooseServiceByPrediction: false,
  services: {
    ups: ['UPS Ground', 'UPS 2nd Day Air', 'UPS Next Day Air'],
    fedex: ['FEDEX_GROUND', 'FEDEX_2_DAY', 'PRIORITY_OVERNIGHT'],
  },
};

/** The policy for one order: the defaults, then its channel's layer, then its account's. */
export function deliveryRiskPolicyFor(
  config: DeliveryRiskConfig,
  channel: SalesChannel,
  accountId: string,
): DeliveryRiskPolicy {
  const layers = [config.defaults, config.channels[channel], config.accounts[`${channel}:${accountId}`]];
  let policy = DEFAULT_DELIVERY_RISK_POLICY;
  for (const layer of layers)
    if (layer) policy = { ...policy, ...layer, services: { ...policy.services, ...layer.services } };
  return policy;
}
