import { z } from 'zod';
import { CARRIERS } from '../tracking-status';

/**
 * How predictions act on an order, per sales channel or channel account (defaults, then the
 * channel, then the account): when an order counts as at risk, and whether the service that ships
 * it may be chosen by the prediction.
 */
export const deliveryRiskPolicySchema = z.object({
  /** At or above this late probability the order is flagged and the customer warned (once). */
  atRiskThreshold: z.number().gt(0).max(1),
  /** At shipping, pick the configured service predicted to meet the promise instead of the requested one. */
  chooseServiceByPrediction: z.boolean(),
  /** The services the account has with each carrier, cheapest first; recovery and the choice pick from these. */
  services: z.partialRecord(z.enum(CARRIERS), z.array(z.string().min(1).max(100)).max(20)),
});
export type DeliveryRiskPolicy = z.output<typeof deliveryRiskPolicySchema>;

export const deliveryRiskConfigSchema = z.object({
  defaults: deliveryRiskPolicySchema.partial().default({}),
  channels: z.record(z.string(), deliveryRiskPolicySchema.partial()).default({}),
  /** Keyed "channel:accountId"; wins over the channel. */
  accounts: z.record(z.string(), deliveryRiskPolicySchema.partial()).default({}),
});
export type DeliveryRiskConfig = z.output<typeof deliveryRiskConfigSchema>;

export function parseDeliveryRiskConfig(input: unknown): DeliveryRiskConfig {
  return deliveryRiskConfigSchema.parse(input ?? {});
}
