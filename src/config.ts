import { z } from 'zod';
import { loadPromiseConfig } from './orders/promise-config-source';

const port = z.coerce.number().int().min(0).max(65535);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** PostgreSQL connection string; unset, `npm start` runs embedded PGlite in DATA_DIR. */
  DATABASE_URL: z.url().optional(),
  DATA_DIR: z.string().default('data'),
  /** host:port of a Temporal frontend; unset, `npm start` runs a local dev server. */
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_DEV_SERVER_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  /** `npm start`: the codec endpoint its Temporal UI decrypts payloads through, on 127.0.0.1. */
  TEMPORAL_CODEC_PORT: port.default(8234),
  API_PORT: port.default(3000),
  /** Largest accepted request body. */
  API_BODY_LIMIT: z.string().default('256kb'),
  /** UPS shipper account (6 letters/digits) used in generated 1Z tracking numbers. */
  UPS_SHIPPER_ID: z
    .string()
    .regex(/^[A-Z0-9]{6}$/)
    .default('8V92A7'),
  /** Carrier tracking APIs; unset, `npm start` runs the local carrier simulator and points them at it. */
  FEDEX_API_URL: z.url().optional(),
  FEDEX_CLIENT_ID: z.string().optional(),
  FEDEX_CLIENT_SECRET: z.string().optional(),
  /** Simulator only: where a shipment's number is registered (FedEx webhooks are per account). */
  FEDEX_SHIPMENT_REGISTRATION_URL: z.url().optional(),
  UPS_API_URL: z.url().optional(),
  UPS_CLIENT_ID: z.string().optional(),
  UPS_CLIENT_SECRET: z.string().optional(),
  UPS_TRANSACTION_SRC: z.string().default('order-status-tracking'),
  /** Webhook secrets; a carrier without one gets no webhook route. */
  FEDEX_WEBHOOK_SECRET: z.string().optional(),
  UPS_WEBHOOK_CLIENT_ID: z.string().optional(),
  UPS_WEBHOOK_CLIENT_SECRET: z.string().optional(),
  /** Track Alert v1: the credential UPS sends back in the `credential` header of every push. */
  UPS_WEBHOOK_CREDENTIAL: z.string().min(16).optional(),
  /** Public URL of this service's POST /webhooks/ups, sent as the Track Alert destination. */
  UPS_WEBHOOK_URL: z.url().optional(),
  EASYPOST_WEBHOOK_SECRET: z.string().optional(),
  AFTERSHIP_WEBHOOK_SECRET: z.string().optional(),
  /** Multiplies the carrier polling cadence (30 min to 12 h); e.g. 0.001 for a quick demo. */
  TRACKING_POLL_SCALE: z.coerce.number().positive().default(1),
  /** Timeline entries an order keeps before only closing events are taken (see "Abuse limits"). */
  ORDER_MAX_TIMELINE_ENTRIES: z.coerce.number().int().positive().default(500),
  /** Order workflows an order worker keeps in memory; others are replayed from history when they wake. */
  ORDER_WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(2).default(1000),
  /** The carrier simulator of `npm start`: port, seconds between scans, scenario ("mix" or one name). */
  CARRIER_SIM_PORT: port.default(4010),
  CARRIER_SIM_STEP_INTERVAL_MS: z.coerce.number().int().min(0).default(5000),
  CARRIER_SIM_SCENARIO: z.string().default('mix'),
  /** Ports of the SendGrid, Twilio and FCM simulators `npm start` runs for providers not configured. */
  SENDGRID_SIM_PORT: port.default(4020),
  TWILIO_SIM_PORT: port.default(4030),
  FCM_SIM_PORT: port.default(4040),
  /** Demo inventory (units per SKU) seeded on an empty database by `npm start`; 0 disables. */
  DEMO_STOCK_UNITS: z.coerce.number().int().min(0).default(100),
  /** Promises and stage deadlines (shape: src/domain/promise/promise-policy.ts); checked at start. */
  ORDER_PROMISE_CONFIG_FILE: z.string().min(1).optional(),
  ORDER_PROMISE_CONFIG_JSON: z.string().min(1).optional(),
});

export type Config = z.infer<typeof envSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
      .join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  // A bad promise configuration stops the process at start, not at its first order.
  loadPromiseConfig(env);
  return parsed.data;
}
