import { z } from 'zod';
import {
  customerLinkKeysFromEnv,
  customerLinkTtlMsFromEnv,
  type CustomerLinkKeys,
} from '../security/customer-link-keys';

/** Everything the notification service reads from its environment. */
export interface NotificationConfig {
  brand: {
    name: string;
    /** Public site serving the live status page at `${siteUrl}/track/{orderId}` (this API serves it). */
    siteUrl: string;
    supportUrl: string;
    fromEmail: string;
    fromName: string;
  };
  /** Public base URL of this service's HTTP API, used in unsubscribe links and Twilio callbacks. */
  publicBaseUrl: string;
  /** Signed unsubscribe links sent before customer links (HMAC-SHA256); still honoured. */
  unsubscribeSecret: string;
  /**
   * Customer links in messages: the keys (CUSTOMER_LINK_KEYS / CUSTOMER_LINK_SECRET) and how long a
   * link lives after the event it tells of (CUSTOMER_LINK_TTL_DAYS). Unset: from the environment.
   */
  customerLinks?: { keys: CustomerLinkKeys; ttlMs: number };
  sendgrid: {
    apiUrl: string;
    apiKey: string;
    /** Verification key from SendGrid's signed event webhook settings (base64 DER or PEM). */
    webhookPublicKey?: string;
    /** Signed timestamps further than this from now are refused (a captured delivery cannot be replayed later). */
    webhookToleranceSeconds?: number;
  };
  twilio: {
    apiUrl: string;
    accountSid: string;
    authToken: string;
    fromNumber: string;
  };
  fcm: {
    apiUrl: string;
    projectId: string;
    /** OAuth2 access token for the FCM v1 API. */
    accessToken: string;
    /**
     * Where accepted pushes can be looked up by delivery key after a crash. FCM itself has no such
     * API; the FCM simulator has. Unset: a push whose outcome is unknown is sent again, under a
     * collapse key so the device shows it once.
     */
    reconcileUrl?: string;
  };
  /** Time the client waits for any provider before treating the call as timed out. */
  providerTimeoutMs: number;
  /**
   * How much a notification worker takes on at once. Customer messages share the Temporal server with
   * order updates; a bounded worker lets a burst of messages queue in Temporal instead of crowding
   * out the order updates. Run more notification workers for more throughput.
   */
  worker: { maxConcurrentDeliveries: number; maxConcurrentWorkflowTasks: number; maxCachedWorkflows: number };
}

const url = z.url();

const envSchema = z.object({
  NOTIFY_BRAND_NAME: z.string().min(1).default('Parcel & Co'),
  NOTIFY_SITE_URL: url.default('http://localhost:3000'),
  NOTIFY_SUPPORT_URL: url.optional(),
  NOTIFY_FROM_EMAIL: z.email().default('updates@example.com'),
  NOTIFY_PUBLIC_BASE_URL: url.default('http://localhost:3000'),
  NOTIFY_UNSUBSCRIBE_SECRET: z.string().min(16).default('development-unsubscribe-secret'),
  SENDGRID_API_URL: url.default('https://api.sendgrid.com'),
  SENDGRID_API_KEY: z.string().min(1).default('SG.development'),
  SENDGRID_WEBHOOK_PUBLIC_KEY: z.string().min(1).optional(),
  SENDGRID_WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().positive().default(600),
  TWILIO_API_URL: url.default('https://api.twilio.com'),
  TWILIO_ACCOUNT_SID: z.string().min(1).default('ACdevelopment'),
  TWILIO_AUTH_TOKEN: z.string().min(1).default('development-auth-token'),
  TWILIO_FROM_NUMBER: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/)
    .default('+15005550006'),
  FCM_API_URL: url.default('https://fcm.googleapis.com'),
  FCM_PROJECT_ID: z.string().min(1).default('development'),
  FCM_ACCESS_TOKEN: z.string().min(1).default('development-token'),
  FCM_RECONCILE_URL: url.optional(),
  NOTIFY_PROVIDER_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  NOTIFY_WORKER_MAX_DELIVERIES: z.coerce.number().int().positive().default(6),
  NOTIFY_WORKER_MAX_WORKFLOW_TASKS: z.coerce.number().int().min(2).default(2),
  // The SDK's default grows with the heap limit (about 2 300 here): thousands of notices waiting out
  // quiet hours would each keep a workflow in memory.
  NOTIFY_WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(2).default(250),
});

/** Reads the configuration from environment variables; throws naming every bad variable. */
export function loadNotificationConfig(env: NodeJS.ProcessEnv = process.env): NotificationConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid notification configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    brand: {
      name: e.NOTIFY_BRAND_NAME,
      siteUrl: e.NOTIFY_SITE_URL.replace(/\/$/, ''),
      supportUrl: e.NOTIFY_SUPPORT_URL ?? `${e.NOTIFY_SITE_URL.replace(/\/$/, '')}/help`,
      fromEmail: e.NOTIFY_FROM_EMAIL,
      fromName: e.NOTIFY_BRAND_NAME,
    },
    publicBaseUrl: e.NOTIFY_PUBLIC_BASE_URL.replace(/\/$/, ''),
    unsubscribeSecret: e.NOTIFY_UNSUBSCRIBE_SECRET,
    customerLinks: { keys: customerLinkKeysFromEnv(env), ttlMs: customerLinkTtlMsFromEnv(env) },
    sendgrid: {
      apiUrl: e.SENDGRID_API_URL,
      apiKey: e.SENDGRID_API_KEY,
      webhookPublicKey: e.SENDGRID_WEBHOOK_PUBLIC_KEY,
      webhookToleranceSeconds: e.SENDGRID_WEBHOOK_TOLERANCE_SECONDS,
    },
    twilio: {
      apiUrl: e.TWILIO_API_URL,
      accountSid: e.TWILIO_ACCOUNT_SID,
      authToken: e.TWILIO_AUTH_TOKEN,
      fromNumber: e.TWILIO_FROM_NUMBER,
    },
    fcm: {
      apiUrl: e.FCM_API_URL,
      projectId: e.FCM_PROJECT_ID,
      accessToken: e.FCM_ACCESS_TOKEN,
      reconcileUrl: e.FCM_RECONCILE_URL,
    },
    providerTimeoutMs: e.NOTIFY_PROVIDER_TIMEOUT_MS,
    worker: {
      maxConcurrentDeliveries: e.NOTIFY_WORKER_MAX_DELIVERIES,
      maxConcurrentWorkflowTasks: e.NOTIFY_WORKER_MAX_WORKFLOW_TASKS,
      maxCachedWorkflows: e.NOTIFY_WORKER_MAX_CACHED_WORKFLOWS,
    },
  };
}
