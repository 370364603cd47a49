import { z } from 'zod';

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

export const customerSchema = z.object({
  id: idPart,
  name: z.string().trim().min(1, 'must not be empty').max(200),
  email: z.email('must be a valid email address').optional(),
  phone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number such as +14155550123')
    .optional(),
  locale: z
    .string()
    .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a locale such as en or de-DE')
    .default('en'),
  timeZone: z.string().min(1).default('UTC'),
});

export const orderLineSchema = z.object({
  sku: idPart,
  name: z.string().max(300).optional(),
  quantity: z.number().int('must be a whole number').positive('must be at least 1').max(10_000),
  unitPriceMinor: z.number().int('must be in minor units (cents)').nonnegative('must not be negative'),
});

export const addressSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  line1: z.string().trim().min(1, 'must not be empty').max(300),
  line2: z.string().max(300).optional(),
  city: z.string().trim().min(1, 'must not be empty').max(100),
  region: z.string().max(100).optional(),
  postalCode: z.string().trim().min(1, 'must not be empty').max(20),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as US'),
});

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
});

export type OrderSubmission = z.input<typeof orderSubmissionSchema>;
export type CanonicalOrder = z.output<typeof orderSubmissionSchema> & { orderId: string };
export type OrderLine = z.output<typeof orderLineSchema>;
export type Customer = z.output<typeof customerSchema>;

/** One canonical ID per (channel, account, external ID): the basis of deduplication. */
export function canonicalOrderId(channel: SalesChannel, accountId: string, externalId: string): string {
  return `${channel}:${accountId}:${externalId}`;
}

export function toCanonicalOrder(submission: z.output<typeof orderSubmissionSchema>): CanonicalOrder {
  return {
    ...submission,
    orderId: canonicalOrderId(submission.channel, submission.accountId, submission.externalId),
  };
}

export function orderTotalMinor(order: Pick<CanonicalOrder, 'lines'>): number {
  return order.lines.reduce((sum, line) => sum + line.quantity * line.unitPriceMinor, 0);
}
