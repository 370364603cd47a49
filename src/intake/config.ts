import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SALES_CHANNELS } from '../domain/order';

const rateSchema = z.object({ perSecond: z.number().positive(), burst: z.number().int().positive() });

export const intakeConfigSchema = z.object({
  shopify: z
    .record(
      z.string(),
      z.object({
        webhookSecret: z.string().min(1),
        /** e.g. https://{shop}.myshopify.com — used by reconciliation. */
        adminApiBaseUrl: z.string().url().optional(),
        accessToken: z.string().optional(),
      }),
    )
    .default({}),
  woocommerce: z
    .record(
      z.string(),
      z.object({
        webhookSecret: z.string().min(1),
        /** The store's site URL; the REST API lives under /wp-json/wc/v3. */
        apiBaseUrl: z.string().url().optional(),
        consumerKey: z.string().optional(),
        consumerSecret: z.string().optional(),
      }),
    )
    .default({}),
  square: z
    .record(
      z.string(),
      z.object({
        signatureKey: z.string().min(1),
        /** The notification URL exactly as registered with Square: it is part of the signed text. */
        notificationUrl: z.string().url(),
        apiBaseUrl: z.string().url().default('https://connect.squareup.com'),
        accessToken: z.string().min(1),
        merchantId: z.string().optional(),
        locationIds: z.array(z.string()).default([]),
      }),
    )
    .default({}),
  amazon: z
    .object({
      /** When set, notifications must carry `Authorization: Bearer <token>` (the relay from SQS/EventBridge). */
      notificationToken: z.string().optional(),
      sellers: z
        .record(
          z.string(),
          z.object({
            apiBaseUrl: z.string().url().default('https://sellingpartnerapi-na.amazon.com'),
            accessToken: z.string().min(1),
            marketplaceIds: z.array(z.string()).default(['ATVPDKIKX0DER']),
          }),
        )
        .default({}),
    })
    .default({ sellers: {} }),
  /** Token bucket per channel account: sustained requests per second and burst size. */
  rateLimits: z
    .object({
      default: rateSchema,
      channels: z.partialRecord(z.enum(SALES_CHANNELS), rateSchema).default({}),
    })
    .default({ default: { perSecond: 50, burst: 100 }, channels: {} }),
  /** Workflow starts in flight per channel, and how many may wait for a slot before callers are told to retry. */
  starts: z
    .object({
      maxConcurrentPerChannel: z.number().int().positive(),
      maxQueuedPerChannel: z.number().int().nonnegative(),
    })
    .default({ maxConcurrentPerChannel: 16, maxQueuedPerChannel: 200 }),
  maxBodyBytes: z.number().int().positive().default(1_000_000),
  /** What rejected deliveries may store (see "Abuse limits" in the README). */
  deadLetters: z
    .object({
      /** Open letters per channel account whose delivery passed verification. */
      maxOpenPerAccount: z.number().int().positive().default(1000),
      /** Open letters per channel account that failed verification (forged, or a rotated secret). */
      maxUnverifiedPerAccount: z.number().int().positive().default(100),
      /** Open letters in all. */
      maxOpenTotal: z.number().int().positive().default(100_000),
      /** Bytes of a body kept; a longer one keeps only this prefix and must be corrected before replay. */
      maxStoredBodyBytes: z
        .number()
        .int()
        .positive()
        .default(256 * 1024),
    })
    .prefault({}),
  /** How far back reconciliation lists each channel's orders. */
  reconcileLookbackMinutes: z.number().int().positive().default(180),
});

export type IntakeConfig = z.output<typeof intakeConfigSchema>;
export type IntakeConfigInput = z.input<typeof intakeConfigSchema>;

export function parseIntakeConfig(input: IntakeConfigInput): IntakeConfig {
  return intakeConfigSchema.parse(input);
}

/**
 * INTAKE_CONFIG_FILE (a JSON file) or INTAKE_CONFIG_JSON holds the channel accounts and their secrets;
 * INTAKE_RATE_PER_SECOND / INTAKE_RATE_BURST / INTAKE_MAX_CONCURRENT_STARTS / INTAKE_MAX_QUEUED_STARTS
 * override the spike settings.
 */
export function loadIntakeConfig(env: NodeJS.ProcessEnv = process.env): IntakeConfig {
  const text = env.INTAKE_CONFIG_FILE
    ? readFileSync(env.INTAKE_CONFIG_FILE, 'utf8')
    : (env.INTAKE_CONFIG_JSON ?? '{}');
  const config = parseIntakeConfig(JSON.parse(text) as IntakeConfigInput);
  const number = (name: string): number | undefined => (env[name] ? Number(env[name]) : undefined);
  const perSecond = number('INTAKE_RATE_PER_SECOND');
  const burst = number('INTAKE_RATE_BURST');
  if (perSecond || burst) {
    config.rateLimits.default = {
      perSecond: perSecond ?? config.rateLimits.default.perSecond,
      burst: burst ?? config.rateLimits.default.burst,
    };
  }
  config.starts.maxConcurrentPerChannel =
    number('INTAKE_MAX_CONCURRENT_STARTS') ?? config.starts.maxConcurrentPerChannel;
  config.starts.maxQueuedPerChannel = number('INTAKE_MAX_QUEUED_STARTS') ?? config.starts.maxQueuedPerChannel;
  return intakeConfigSchema.parse(config);
}
