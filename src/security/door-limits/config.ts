import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_MAX_BUCKETS } from '../../intake/spikes/token-bucket';

const rate = z.object({ perSecond: z.number().positive(), burst: z.number().int().positive() });
type Rate = z.infer<typeof rate>;

const door = (address: Rate, account?: Rate) =>
  z
    .object({ address: rate.default(address), account: rate.optional() })
    .default({ address, ...(account ? { account } : {}) });

/**
 * Rate limits of the public doors, each by client address and by the account the request names (the
 * carrier or provider, the order, the customer). Defaults are generous: a carrier's 100 pushes a second
 * or a campaign on one storefront pass; a single address or order flooding a door does not.
 * Channel accounts have their own buckets in the intake configuration (`rateLimits`).
 */
export const doorLimitsSchema = z.object({
  /** Buckets kept per door and kind; the least recently used is dropped past it. */
  maxKeys: z.number().int().positive().default(DEFAULT_MAX_BUCKETS),
  channels: door({ perSecond: 500, burst: 2000 }),
  orders: door({ perSecond: 500, burst: 2000 }),
  /** Warehouse and ops events to one order (`account` is the order): 60 a minute. */
  orderEvents: door({ perSecond: 500, burst: 2000 }, { perSecond: 1, burst: 60 }),
  carrierWebhooks: door({ perSecond: 500, burst: 2000 }, { perSecond: 500, burst: 2000 }),
  providerWebhooks: door({ perSecond: 500, burst: 2000 }, { perSecond: 500, burst: 2000 }),
  /** Status page, inbox and preferences (`account` is the order or customer). */
  customer: door({ perSecond: 100, burst: 500 }, { perSecond: 20, burst: 100 }),
});

export type DoorLimits = z.output<typeof doorLimitsSchema>;
export type DoorLimitsInput = z.input<typeof doorLimitsSchema>;
export type DoorName = Exclude<keyof DoorLimits, 'maxKeys'>;

export function parseDoorLimits(input: DoorLimitsInput = {}): DoorLimits {
  return doorLimitsSchema.parse(input);
}

/** DOOR_LIMITS_FILE (JSON) or DOOR_LIMITS_JSON; what they leave out keeps its default. */
export function loadDoorLimits(env: NodeJS.ProcessEnv = process.env): DoorLimits {
  const text = env.DOOR_LIMITS_FILE
    ? readFileSync(env.DOOR_LIMITS_FILE, 'utf8')
    : (env.DOOR_LIMITS_JSON ?? '{}');
  return parseDoorLimits(JSON.parse(text) as DoorLimitsInput);
}
