import { z } from 'zod';
import { SERVICE_LEVELS, type SalesChannel } from '../order';
import { HOLIDAYS } from './holidays';
import { isKnownTimeZone } from '../time-zones';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM (24-hour)');
const hours = z
  .number()
  .positive('must be more than 0')
  .max(24 * 90);

const stallThresholds = z.object({
  /** No scan for this long: poll the carrier, then flag the order delayed. */
  firstHours: hours,
  /** No scan for this long: escalate (a second notice, an urgent exception). */
  escalateHours: hours,
});

/**
 * How an order's promise and stage deadlines are set. Every field may be set per sales channel or
 * per channel account; what is not set there comes from the defaults.
 */
export const promisePolicySchema = z.object({
  /** Orders placed by this local time on a business day ship that day, later ones the next. */
  orderCutOff: clockTime,
  /** The carrier collects at this local time: the parcel must be handed over by then. */
  carrierCutOff: clockTime,
  /** The warehouse's time zone (IANA), in which both cut-offs are read. */
  timeZone: z.string().refine(isKnownTimeZone, 'must be an IANA time zone such as America/New_York'),
  /** The warehouse's country, whose holidays are not shipping days. */
  shipFromCountry: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'),
  transitBusinessDays: z.partialRecord(z.enum(SERVICE_LEVELS), z.number().int().min(0).max(60)),
  reserveWithinMinutes: z
    .number()
    .positive()
    .max(60 * 24 * 30),
  pickWithinHours: hours,
  stalled: z.object({ in_transit: stallThresholds, out_for_delivery: stallThresholds }),
  /** A stalled shipment's revised delivery date: this many days after the stall is found. */
  revisedDeliveryDays: z.number().int().min(0).max(60),
});
export type PromisePolicy = z.output<typeof promisePolicySchema>;

export const promiseConfigSchema = z.object({
  defaults: promisePolicySchema.partial().default({}),
  /** Per sales channel (web, shopify, …). */
  channels: z.record(z.string(), promisePolicySchema.partial()).default({}),
  /** Per channel account, keyed "channel:accountId"; wins over the channel. */
  accounts: z.record(z.string(), promisePolicySchema.partial()).default({}),
  /** Holiday dates per country; a country listed here replaces the built-in list. */
  holidays: z
    .record(z.string().regex(/^[A-Z]{2}$/), z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)))
    .default({}),
});
export type PromiseConfigInput = z.input<typeof promiseConfigSchema>;
export type PromiseConfig = z.output<typeof promiseConfigSchema>;

export const DEFAULT_PROMISE_POLICY: PromisePolicy = {
  orderCutOff: '14:00',
  carrierCutOff: '18:00',
  timeZone: 'America/New_York',
  shipFromCountry: 'US',
  transitBusinessDays: { economy: 7, standard: 5, express: 2, overnight: 1 },
  reserveWithinMinutes: 30,
  pickWithinHours: 24,
  stalled: {
    in_transit: { firstHours: 48, escalateHours: 96 },
    out_for_delivery: { firstHours: 12, escalateHours: 24 },
  },
  revisedDeliveryDays: 2,
};

export function parsePromiseConfig(input: unknown): PromiseConfig {
  return promiseConfigSchema.parse(input ?? {});
}

/** The policy for one channel account: defaults, then the channel's settings, then the account's. */
export function policyFor(config: PromiseConfig, channel: SalesChannel, accountId: string): PromisePolicy {
  const layers = [config.defaults, config.channels[channel], config.accounts[`${channel}:${accountId}`]];
  let policy: PromisePolicy = DEFAULT_PROMISE_POLICY;
  for (const layer of layers) {
    if (!layer) continue;
    policy = {
      ...policy,
      ...layer,
      transitBusinessDays: { ...policy.transitBusinessDays, ...layer.transitBusinessDays },
      stalled: { ...policy.stalled, ...layer.stalled },
    };
  }
  return policy;
}

/** A country's holidays: the configured list, else the built-in one, else none. */
export function holidaysOf(config: PromiseConfig, country: string): ReadonlySet<string> {
  return new Set(config.holidays[country] ?? HOLIDAYS[country] ?? []);
}
