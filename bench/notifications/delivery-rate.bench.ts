/**
 * Delivery rate under provider failures and a worker crash.
 *
 * N orders each go through confirmed → shipped → out for delivery → delivered; every milestone
 * starts a notifyCustomer workflow. The three provider simulators fail 30% of calls (429, 500,
 * 503, a timeout that drops the request, a timeout after accepting it). The notification worker
 * runs as its own process and is SIGKILLed mid-run, then started again.
 *
 * Prints per run and as medians: share of messages at the provider within 60 s and eventually,
 * duplicates (the same delivery accepted twice by a provider), p50/p99 from request to first
 * provider acceptance.
 *
 *   npx tsx bench/notifications/delivery-rate.bench.ts [--orders 60] [--runs 3] [--rate 20]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  NOTIFY_CUSTOMER_WORKFLOW,
  notificationWorkflowId,
  type OrderNotificationRequest,
} from '../../src/notifications/contract';
import { updatePreferences, registerPushToken } from '../../src/notifications/preferences/store';
import { startFcmSimulator } from '../../src/simulators/fcm';
import { startSendGridSimulator } from '../../src/simulators/sendgrid';
import type { FailureMode } from '../../src/simulators/message-provider-server';
import { startTwilioSimulator } from '../../src/simulators/twilio';
import { NOTIFICATIONS_TASK_QUEUE } from '../../src/temporal/task-queues';
import { createTestDatabase } from '../../test/support/database';
import { startTemporal } from '../../test/support/temporal';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '60' },
    runs: { type: 'string', default: '3' },
    rate: { type: 'string', default: '20' },
    'failure-rate': { type: 'string', default: '0.3' },
  },
});
const ORDERS = Number(values.orders);
const RUNS = Number(values.runs);
const STARTS_PER_SECOND = Number(values.rate);
const MILESTONES = ['order_confirmed', 'shipped', 'out_for_delivery', 'delivered'] as const;
const FAILURES: Partial<FailureMode> = {
  rate: Number(values['failure-rate']),
  faults: ['429', '500', '503', 'timeout', 'timeout_after_accept'],
  timeoutMs: 3000,
};

interface RunResult {
  expected: number;
  within60s: number;
  eventually: number;
  duplicates: number;
  p50: number;
  p99: number;
  deadLetters: number;
  fallbacks: number;
  drainSeconds: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runOnce(run: number, temporal: Awaited<ReturnType<typeof startTemporal>>): Promise<RunResult> {
  const database = await createTestDatabase('ost_bench');
  const sendgrid = await startSendGridSimulator({ failure: FAILURES });
  const twilio = await startTwilioSimulator({
    accountSid: 'ACbench',
    authToken: 'bench-token',
    failure: FAILURES,
    callbackDelayMs: 60_000,
  });
  const fcm = await startFcmSimulator({ projectId: 'bench', failure: FAILURES });
  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace ?? 'default',
    NOTIFY_PUBLIC_BASE_URL: 'http://127.0.0.1:9',
    SENDGRID_API_URL: sendgrid.url,
    TWILIO_API_URL: twilio.url,
    TWILIO_ACCOUNT_SID: 'ACbench',
    TWILIO_AUTH_TOKEN: 'bench-token',
    FCM_API_URL: fcm.url,
    FCM_PROJECT_ID: 'bench',
    FCM_RECONCILE_URL: fcm.reconcileUrl,
    NOTIFY_PROVIDER_TIMEOUT_MS: '1000',
  };
  const workerEntry = path.join(__dirname, '..', '..', 'src', 'notifications', 'worker.ts');
  // Like a process manager: the worker is restarted when it dies on its own. Its log (every injected
  // provider failure) is dropped except the tail of an unexpected exit.
  let current: ChildProcess | undefined;
  let stopping = false;
  const startWorker = (): Promise<void> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', workerEntry], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      current = child;
      let tail = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('notification worker running')) resolve();
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        tail = (tail + chunk.toString()).slice(-2000);
      });
      child.on('exit', (code, signal) => {
        if (stopping || signal === 'SIGKILL') return;
        console.error(`worker exited (${code ?? signal}), restarting:\n${tail}`);
        setTimeout(() => void startWorker().then(resolve), 1000);
      });
    });
  const workerEntryReady = startWorker();

  const requests: OrderNotificationRequest[] = [];
  for (let order = 0; order < ORDERS; order += 1) {
    const customerId = `bench-${run}-${order}`;
    const customer = { channel: 'web', accountId: `bench${run}`, customerId };
    await updatePreferences(database.db, customer, {
      channels: ['email', 'sms', 'push', 'in_app'],
      quietHours: null,
    });
    await registerPushToken(database.db, customer, { token: `token-${run}-${order}`, platform: 'android' });
    for (const milestone of MILESTONES) {
      requests.push({
        orderId: `web:bench${run}:${order}`,
        eventId: `${milestone}`,
        milestone,
        occurredAt: '',
        customer: {
          id: customerId,
          name: 'Bench Customer',
          email: `${customerId}@example.com`,
          phone: `+1555${String(run).padStart(2, '0')}${String(order).padStart(5, '0')}`,
          locale: order % 2 ? 'de' : 'en',
          timeZone: 'UTC',
        },
        order: { externalId: String(order), channel: 'web', itemCount: 1 },
        details: { carrier: 'fedex', trackingNumber: `79461${String(order).padStart(7, '0')}` },
      });
    }
  }
  // Lifecycle order: every order's milestones in sequence, orders interleaved.
  const step = (r: OrderNotificationRequest) => (MILESTONES as readonly string[]).indexOf(r.milestone);
  requests.sort((a, b) => step(a) - step(b));

  await workerEntryReady;
  const started: Promise<unknown>[] = [];
  const totalStartMs = (requests.length / STARTS_PER_SECOND) * 1000;
  const killAt = Date.now() + totalStartMs * 0.4;
  let killed = false;
  const t0 = Date.now();
  for (const [index, request] of requests.entries()) {
    const due = t0 + (index / STARTS_PER_SECOND) * 1000;
    if (due > Date.now()) await sleep(due - Date.now());
    if (!killed && Date.now() >= killAt) {
      killed = true;
      current?.kill('SIGKILL');
      // Restarted a few seconds later; starts keep arriving meanwhile.
      setTimeout(() => void startWorker(), 3000);
    }
    request.occurredAt = new Date().toISOString();
    started.push(
      temporal.client.workflow.start(NOTIFY_CUSTOMER_WORKFLOW, {
        taskQueue: NOTIFICATIONS_TASK_QUEUE,
        workflowId: notificationWorkflowId(request.orderId, request.eventId),
        args: [request],
      }),
    );
  }
  await Promise.all(started);
  await sleep(3500);
  await Promise.all(
    requests.map((r) =>
      temporal.client.workflow
        .getHandle(notificationWorkflowId(r.orderId, r.eventId))
        .result()
        .catch(() => undefined),
    ),
  );
  const drainSeconds = (Date.now() - t0) / 1000;
  stopping = true;
  current?.kill('SIGTERM');

  // Expected provider messages and what the providers accepted, keyed by delivery key.
  const { rows: deliveries } = await database.db.query<{
    order_id: string;
    event_id: string;
    channel: string;
    delivery_key: string;
    status: string;
    fallback_for: string | null;
  }>(
    `SELECT order_id, event_id, channel, delivery_key, status, fallback_for FROM notification_deliveries WHERE channel <> 'in_app'`,
  );
  const requestOf = new Map(requests.map((r) => [`${r.orderId}|${r.eventId}`, r]));
  const accepted = new Map<string, number[]>();
  const note = (key: string | undefined, at: string) => {
    if (!key) return;
    const list = accepted.get(key) ?? [];
    list.push(new Date(at).getTime());
    accepted.set(key, list);
  };
  for (const email of sendgrid.received()) note(email.customArgs.delivery_key, email.receivedAt);
  for (const push of fcm.received()) note(push.data.delivery_key, push.receivedAt);
  // Each order has one SMS milestone; the phone number identifies the order.
  const smsKey = new Map(
    requests
      .filter((r) => r.milestone === 'out_for_delivery')
      .map((r) => [r.customer.phone ?? '', `${r.orderId}|${r.eventId}|sms`]),
  );
  for (const sms of twilio.received()) note(smsKey.get(sms.to), sms.date_created);

  const expectedKeys = requests.flatMap((r) => {
    const channels: Record<(typeof MILESTONES)[number], string[]> = {
      order_confirmed: ['email'],
      shipped: ['email', 'push'],
      out_for_delivery: ['sms', 'push'],
      delivered: ['email', 'push'],
    };
    return channels[r.milestone as (typeof MILESTONES)[number]].map(
      (channel) => `${r.orderId}|${r.eventId}|${channel}`,
    );
  });
  const fallbackFor = new Map(
    deliveries
      .filter((d) => d.fallback_for)
      .map((d) => [`${d.order_id}|${d.event_id}|${d.fallback_for}`, d.delivery_key]),
  );
  const latencies: number[] = [];
  let within60s = 0;
  let eventually = 0;
  for (const key of expectedKeys) {
    const [orderId, eventId] = key.split('|');
    const request = requestOf.get(`${orderId}|${eventId}`);
    const times = accepted.get(key) ?? accepted.get(fallbackFor.get(key) ?? '');
    if (!request || !times) continue;
    const latency = Math.min(...times) - new Date(request.occurredAt).getTime();
    latencies.push(latency);
    eventually += 1;
    if (latency <= 60_000) within60s += 1;
  }
  let duplicates = 0;
  for (const times of accepted.values()) duplicates += times.length - 1;
  const { rows: dead } = await database.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM notification_dead_letters',
  );
  latencies.sort((a, b) => a - b);

  await Promise.all([sendgrid.close(), twilio.close(), fcm.close()]);
  await database.drop();
  return {
    expected: expectedKeys.length,
    within60s: within60s / expectedKeys.length,
    eventually: eventually / expectedKeys.length,
    duplicates,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    deadLetters: dead[0]?.n ?? 0,
    fallbacks: fallbackFor.size,
    drainSeconds,
  };
}

async function main() {
  const temporal = await startTemporal();
  const results: RunResult[] = [];
  try {
    for (let run = 1; run <= RUNS; run += 1) {
      const result = await runOnce(run, temporal);
      results.push(result);
      console.log(
        `run ${run}: ${result.expected} messages, within 60 s ${(result.within60s * 100).toFixed(2)}%, ` +
          `eventually ${(result.eventually * 100).toFixed(2)}%, duplicates ${result.duplicates}, ` +
          `p50 ${result.p50} ms, p99 ${result.p99} ms, fallbacks ${result.fallbacks}, dead letters ${result.deadLetters}, ` +
          `drained in ${result.drainSeconds.toFixed(1)} s`,
      );
    }
  } finally {
    await temporal.teardown();
  }
  const pick = (f: (r: RunResult) => number) => median(results.map(f));
  console.log(
    `median of ${results.length} runs (${ORDERS} orders × ${MILESTONES.length} milestones, ${FAILURES.rate! * 100}% provider failures, worker SIGKILLed mid-run): ` +
      `within 60 s ${(pick((r) => r.within60s) * 100).toFixed(2)}%, eventually ${(pick((r) => r.eventually) * 100).toFixed(2)}%, ` +
      `duplicates ${pick((r) => r.duplicates)} (max ${Math.max(...results.map((r) => r.duplicates))}), ` +
      `p50 ${pick((r) => r.p50)} ms, p99 ${pick((r) => r.p99)} ms`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
