import { z } from 'zod';
import { safeText } from '../validation/safe-text';
import { totalsFromLines } from './order-totals';

export const SALES_CHANNELS = ['web', 'shopify', 'woocommerce', 'amazon', 'square', 'rest'] as const;
export type SalesChannel = (typeof SALES_CHANNELS)[number];

export const SERVICE_LEVELS = ['economy', 'standard', 'express', 'overnight'] as const;
export type ServiceLevel = (typeof SERVICE_LEVELS)[number];

const idPart = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[A-Za-z0-9._\-#]+$/, 'may contain only letters, digits and . _ - #');

/** Customer tiers, lowest first: a higher tier ranks an exception higher in the ops queue. */
export const CUSTOMER_TIERS = ['standard', 'silver', 'gold', 'platinum'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

export const customerSchema = z.object({
  id: idPart,
  name: safeText(200),
  email: z.email('must be a valid email address').optional(),
  phone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number such as +14155550123')
    .optional(),
  locale: z
    .string()
    .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a locale such as en or de-DE')
    .default('en'),
  timeZone: safeText(64).default('UTC'),
  tier: z.enum(CUSTOMER_TIERS).optional(),
});

export const orderLineSchema = z.object({
  sku: idPart,
  name: safeText(300, { allowEmpty: true }).optional(),
  quantity: z.number().int('must be a whole number').positive('must be at least 1').max(10_000),
  unitPriceMinor: z.number().int('must be in minor units (cents)').nonnegative('must not be negative'),
});

export const addressSchema = z.object({
  name: safeText(200),
  line1: safeText(300),
  line2: safeText(300, { allowEmpty: true }).optional(),
  city: safeText(100),
  region: safeText(100, { allowEmpty: true }).optional(),
  postalCode: safeText(20),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as US'),
});

const minorAmount = z
  .number()
  .int('must be in minor units (cents)')
  .nonnegative('must not be negative')
  .max(Number.MAX_SAFE_INTEGER);

/** The order's money as the channel states it, in minor units of the order's currency. */
export const orderTotalsSchema = z.object({
  /** The lines before discounts. */
  subtotalMinor: minorAmount,
  taxMinor: minorAmount,
  shippingMinor: minorAmount,
  discountMinor: minorAmount,
  /** What the customer paid. */
  totalMinor: minorAmount,
  /** Prices already include the tax (VAT-inclusive shops): it is part of the subtotal, not added to it. */
  taxIncluded: z.boolean().optional(),
});
export type OrderTotals = z.output<typeof orderTotalsSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');

/** What a channel submits: everything but the derived canonical order ID. */
export const orderSubmissionSchema = z.object({
  channel: z.enum(SALES_CHANNELS),
  accountId: idPart,
  externalId: idPart,
  placedAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }),
  customer: customerSchema,
  lines: z.array(orderLineSchema).min(1, 'must have at least one line').max(500),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD'),
  shippingAddress: addressSchema,
  serviceLevel: z.enum(SERVICE_LEVELS).default('standard'),
  promisedDeliveryDate: isoDate.optional(),
  /** Optional so that orders submitted before totals existed still read; derived from the lines when absent. */
  totals: orderTotalsSchema.optional(),
});

export type OrderSubmission = z.input<typeof orderSubmissionSchema>;
export type CanonicalOrder = z.output<typeof orderSubmissionSchema> & {
  orderId: string;
  /** Whether the promised delivery date is the channel's or derived at admission from the service level. */
  promiseSource?: 'channel' | 'derived';
};
export type OrderLine = z.output<typeof orderLineSchema>;
export type Customer = z.output<typeof customerSchema>;

/** One canonical ID per (channel, account, external ID): the basis of deduplication. */
export function canonicalOrderId(channel: SalesChannel, accountId: string, externalId: string): string {
  return `${channel}:${accountId}:${externalId}`;
}

export function toCanonicalOrder(submission: z.output<typeof orderSubmissionSchema>): CanonicalOrder {
  return {
    ...submission,
    totals: submission.totals ?? totalsFromLines(submission.lines),
    orderId: canonicalOrderId(submission.channel, submission.accountId, submission.externalId),
  };
}
