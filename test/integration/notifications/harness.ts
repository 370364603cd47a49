import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type Worker, type WorkflowBundle } from '@temporalio/worker';
import { loadNotificationConfig, type NotificationConfig } from '../../../src/notifications/config';
import type { OrderNotificationRequest } from '../../../src/notifications/contract';
import type { CustomerKey } from '../../../src/notifications/customer-key';
import { listenToInbox, type InboxFeed } from '../../../src/notifications/inbox/feed';
import { notificationOpsRoutes } from '../../../src/api/ops/notifications';
import { createNotificationRouter } from '../../../src/notifications/routers';
import { createNotificationWorker } from '../../../src/notifications/worker';
import { startFcmSimulator, type FcmSimulator } from '../../../src/simulators/fcm';
import { startSendGridSimulator, type SendGridSimulator } from '../../../src/simulators/sendgrid';
import { startTwilioSimulator, type TwilioSimulator } from '../../../src/simulators/twilio';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { gatedApp } from '../../support/gated-app';
import { startTemporal } from '../../support/temporal';
import { customerLinkHeaders } from '../../support/customer-links';

export interface Harness {
  env: TestWorkflowEnvironment;
  database: TestDatabase;
  config: NotificationConfig;
  apiUrl: string;
  sendgrid: SendGridSimulator;
  twilio: TwilioSimulator;
  fcm: FcmSimulator;
  /** Mutable: addresses the SendGrid simulator refuses as invalid. */
  invalidEmails: string[];
  bounceEmails: string[];
  undeliverablePhones: string[];
  worker: Worker;
  stop(): Promise<void>;
}

let bundle: WorkflowBundle | undefined;

export async function notificationWorkflowBundle(): Promise<WorkflowBundle> {
  bundle ??= await bundleWorkflowCode({
    workflowsPath: require.resolve('../../../src/notifications/workflows'),
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} },
  });
  return bundle;
}

/** Real Temporal, real PostgreSQL, the three provider simulators, the HTTP routes and the worker. */
export async function startHarness(): Promise<Harness> {
  const [env, database, workflowBundle] = await Promise.all([
    startTemporal(),
    createTestDatabase('ost_notify'),
    notificationWorkflowBundle(),
  ]);
  // The service's own front: operator routes need a token with their scope (ADMIN_CREDENTIALS).
  const { app, finish } = gatedApp(database.db);
  const server: Server = await new Promise((resolve) => {
    const created = app.listen(0, '127.0.0.1', () => resolve(created));
  });
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const invalidEmails: string[] = [];
  const bounceEmails: string[] = [];
  const undeliverablePhones: string[] = [];
  const sendgrid = await startSendGridSimulator({
    apiKey: 'SG.test-key',
    eventWebhookUrl: `${apiUrl}/webhooks/sendgrid/events`,
    invalidAddresses: invalidEmails,
    bounceAddresses: bounceEmails,
    failure: { timeoutMs: 3000 },
  });
  const twilio = await startTwilioSimulator({
    accountSid: 'ACtest',
    authToken: 'twilio-test-token',
    undeliverableNumbers: undeliverablePhones,
    failure: { timeoutMs: 3000 },
  });
  const fcm = await startFcmSimulator({
    projectId: 'demo-project',
    accessToken: 'fcm-test-token',
    failure: { timeoutMs: 3000 },
  });
  const config = loadNotificationConfig({
    NOTIFY_BRAND_NAME: 'Parcel & Co',
    NOTIFY_SITE_URL: 'https://shop.example.com',
    NOTIFY_PUBLIC_BASE_URL: apiUrl,
    NOTIFY_UNSUBSCRIBE_SECRET: 'integration-unsubscribe-secret',
    SENDGRID_API_URL: sendgrid.url,
    SENDGRID_API_KEY: 'SG.test-key',
    SENDGRID_WEBHOOK_PUBLIC_KEY: sendgrid.publicKey,
    TWILIO_API_URL: twilio.url,
    TWILIO_ACCOUNT_SID: 'ACtest',
    TWILIO_AUTH_TOKEN: 'twilio-test-token',
    FCM_API_URL: fcm.url,
    FCM_PROJECT_ID: 'demo-project',
    FCM_ACCESS_TOKEN: 'fcm-test-token',
    FCM_RECONCILE_URL: fcm.reconcileUrl,
    NOTIFY_PROVIDER_TIMEOUT_MS: '1000',
  });
  const inboxFeed: InboxFeed = await listenToInbox(database.url);
  app.use(createNotificationRouter({ db: database.db, config, inboxFeed }));
  app.use('/ops', notificationOpsRoutes({ db: database.db, temporal: env.client }));
  finish();
  const worker = await createNotificationWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    dataConverter: env.client.options.dataConverter,
    db: database.db,
    config,
    workflowBundle,
  });
  const running = worker.run();
  return {
    env,
    database,
    config,
    apiUrl,
    sendgrid,
    twilio,
    fcm,
    invalidEmails,
    bounceEmails,
    undeliverablePhones,
    worker,
    async stop() {
      worker.shutdown();
      await running.catch(() => undefined);
      await inboxFeed.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await Promise.all([sendgrid.close(), twilio.close(), fcm.close()]);
      await env.teardown();
      await database.drop();
    },
  };
}

let sequence = 0;

export function customerRequest(
  customerId: string,
  milestone: OrderNotificationRequest['milestone'],
  overrides: Partial<OrderNotificationRequest['customer']> = {},
  orderId = `web:acct:${customerId}`,
): OrderNotificationRequest {
  sequence += 1;
  return {
    orderId,
    eventId: `evt-${milestone}-${sequence}`,
    milestone,
    occurredAt: new Date().toISOString(),
    customer: {
      id: customerId,
      name: 'Ada Lovelace',
      email: `${customerId}@example.com`,
      phone: `+1415555${String(1000 + (sequence % 9000)).padStart(4, '0')}`,
      locale: 'en',
      timeZone: 'UTC',
      ...overrides,
    },
    order: { externalId: `EXT-${customerId}`, channel: 'web', itemCount: 2 },
    details: { carrier: 'ups', trackingNumber: '1Z999AA10123456784', estimatedDelivery: '2025-12-24' },
  };
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A customerRequest's customer: orders of the `web:acct` account. */
export function customerKey(customerId: string): CustomerKey {
  return { channel: 'web', accountId: 'acct', customerId };
}

/** The customer link of a customerRequest's customer. */
export function customerLink(customerId: string): Record<string, string> {
  return customerLinkHeaders(customerKey(customerId));
}

/** Sets preferences through the public API, as the customer's account page would. */
export async function putPreferences(apiUrl: string, customerId: string, body: unknown): Promise<Response> {
  return fetch(`${apiUrl}/notifications/customers/${encodeURIComponent(customerId)}/preferences`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...customerLink(customerId) },
    body: JSON.stringify(body),
  });
}
