import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { createLogger } from '../src/logger';
import { installSdkLogging } from '../src/runtime/sdk-logging';
import type { MilestoneKind } from '../src/simulators/carriers/milestones';
import type { WebhookChannel } from '../src/simulators/carriers/shipment';
import { startDevServer } from '../src/temporal/dev-server';
import type { Database } from '../src/db/database';
import { startOrderStack, TEST_WEBHOOK_SECRETS } from '../test/support/order-stack';
import { shipOrders, type ShippedOrder } from './carrier-webhooks/shipped-orders';
import { countWithStatus, waitFor } from './support/read-model';
import { startSignalBaseline } from './support/signal-baseline';
import { nextSignedPush, upsWebhookToken } from './carrier-webhooks/signed-push';
import { atRate } from './support/pacing';
import { fmt, median, summarize, type LatencySummary } from './support/stats';
import { defaultCredentials } from '../test/support/ops-credentials';

/**
 * Carrier webhook benchmark: signed carrier pushes (FedEx, UPS Track Alert, EasyPost, AfterShip
 * formats, signed as the carriers sign them) POSTed to the service at a steady rate over a few hundred
 * shipped orders; each push carries a scan that moves its order (in transit, out for delivery,
 * delivered), so "visible" is the read model row's commit time (orders.updated_at). In the same run on
 * the same dev server: the bare signal → activity round trip at the same rate and count.
 * Before each measured phase the customer notices already started are sent, then the dev server gets
 * BENCH_SETTLE_MS more to finish what shipping left behind
 * (registrations, customer notices), so neither phase pays for the other's backlog.
 * Env: BENCH_RUNS (3), BENCH_ORDERS (334), BENCH_EVENTS (1000), BENCH_RATE (50), BENCH_CONCURRENCY (20),
 * BENCH_SETTLE_MS (5000), BENCH_NOTIFICATIONS (1; 0 measures the order path without a notification worker).
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 334);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1000);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 5000);
const NOTIFICATIONS = process.env.BENCH_NOTIFICATIONS !== '0';
const SKU = 'SKU-BENCH-PARCEL';
const CHANNELS: readonly WebhookChannel[] = ['fedex', 'ups', 'easypost', 'aftership'];

/** Each round gives every order its next scan; each scan moves the order to a new status. */
const JOURNEY: readonly { kind: MilestoneKind; status: string }[] = [
  { kind: 'picked_up', status: 'in_transit' },
  { kind: 'out_for_delivery', status: 'out_for_delivery' },
  { kind: 'delivered', status: 'delivered' },
];

interface RunFigures {
  baseline: LatencySummary;
  /** Seconds from the last push until every customer message the scans caused was sent. */
  messagesCaughtUpS?: number;
  service: LatencySummary;
  byChannel: Record<WebhookChannel, LatencySummary>;
  /** By the status the scan moved the order to. */
  byStatus: Record<string, LatencySummary>;
}

async function main(): Promise<void> {
  const rounds = Math.ceil(EVENTS / ORDERS);
  if (rounds > JOURNEY.length) {
    throw new Error(`BENCH_EVENTS/BENCH_ORDERS must be at most ${JOURNEY.length} (one scan per status move)`);
  }
  installSdkLogging(createLogger('warn'));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ost-carrier-bench-'));
  // The whole service, customer notifications included: their workflows share the dev server.
  const stack = await startOrderStack({
    temporal: () => startDevServer({ dataDir }),
    notifications: NOTIFICATIONS,
  });

  const signalBaseline = await startSignalBaseline(stack.env);
  await fetch(`${stack.baseUrl}/inventory/${SKU}`, {
    method: 'PUT',
    headers: {
      'content-type': 'application/json',
      ...(await defaultCredentials(stack.baseUrl, 'PUT', `/inventory/${SKU}`, undefined)),
    },
    body: JSON.stringify({ onHand: 10_000_000 }),
  });

  console.log(
    `carrier webhook benchmark: ${RUNS} runs, ${ORDERS} shipped orders/run, ${EVENTS} signed pushes/run at ` +
      `${RATE}/s (${CHANNELS.join(', ')} in turn), dev server on SQLite file with WAL + synchronous=normal`,
  );
  const runs: RunFigures[] = [];
  try {
    for (let run = 1; run <= RUNS; run++) {
      const shipped = await shipOrders({
        baseUrl: stack.baseUrl,
        db: stack.database.db,
        prefix: `CARRIER-${run}`,
        count: ORDERS,
        sku: SKU,
        concurrency: CONCURRENCY,
        simulatorUrl: stack.carriers.url,
      });
      await settle(stack.env.client, stack.database.db);
      const baseline = await signalBaseline.measure({
        label: `carrier-${run}`,
        workflows: ORDERS,
        signals: EVENTS,
        rate: RATE,
        concurrency: CONCURRENCY,
        settleMs: SETTLE_MS,
      });
      await settle(stack.env.client, stack.database.db);
      const { lastPushAt, ...figures } = await measureWebhooks(stack.baseUrl, stack.database.db, shipped);
      const { service } = figures;
      let messages = 'not sent: no notification worker';
      let messagesCaughtUpS: number | undefined;
      if (NOTIFICATIONS) {
        await noticesFinished(stack.env.client, stack.database.db);
        messagesCaughtUpS = (Date.now() - lastPushAt) / 1000;
        const counts = await customerMessages(
          stack.database.db,
          shipped.map((order) => order.orderId),
        );
        messages = `${counts}, all sent ${fmt(messagesCaughtUpS, 1)} s after the last push`;
      }
      runs.push({ baseline, messagesCaughtUpS, ...figures });
      console.log(
        `run ${run}: signed webhook→read model p50/p95/p99 ${fmt(service.p50)}/${fmt(service.p95)}/${fmt(service.p99)} ms ` +
          `vs bare signal→activity ${fmt(baseline.p50)}/${fmt(baseline.p95)}/${fmt(baseline.p99)} ms; ` +
          `customer messages for the scans: ${messages}`,
      );
    }
  } finally {
    await signalBaseline.stop();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  report(runs);
}

/**
 * Round after round, each order gets its next scan pushed (RATE/s); a round ends when every order
 * shows the scan's status in the read model. Latency: POST start → orders.updated_at of that write.
 */
async function measureWebhooks(
  baseUrl: string,
  db: Database,
  shipped: ShippedOrder[],
): Promise<Omit<RunFigures, 'baseline' | 'messagesCaughtUpS'> & { lastPushAt: number }> {
  const upsToken = await upsWebhookToken(baseUrl, TEST_WEBHOOK_SECRETS.ups);
  const samples: { channel: WebhookChannel; status: string; ms: number }[] = [];
  const refused: string[] = [];
  let lastPushAt = 0;
  for (let round = 0; round * ORDERS < EVENTS; round++) {
    const { kind, status } = JOURNEY[round]!;
    const targets = shipped.slice(0, Math.min(ORDERS, EVENTS - round * ORDERS));
    const sentAt = new Map<string, number>();
    await atRate(targets.length, RATE, async (i) => {
      const order = targets[i]!;
      const push = nextSignedPush(
        order.shipment,
        order.channel,
        kind,
        Date.now(),
        TEST_WEBHOOK_SECRETS,
        upsToken,
      );
      sentAt.set(order.orderId, Date.now());
      const response = await fetch(`${baseUrl}${push.path}`, {
        method: 'POST',
        headers: push.headers,
        body: push.raw,
      });
      await response.arrayBuffer();
      lastPushAt = Date.now();
      if (response.status !== 202) refused.push(`${order.channel} ${kind}: HTTP ${response.status}`);
    });
    if (refused.length > 0) throw new Error(`pushes refused: ${refused.slice(0, 5).join('; ')}`);
    const ids = targets.map((order) => order.orderId);
    await waitFor(async () => (await countWithStatus(db, ids, status)) === ids.length, 120_000);
    const visible = await db.query<{ orderId: string; at: Date }>(
      `SELECT order_id AS "orderId", updated_at AS at FROM orders WHERE order_id = ANY($1::text[])`,
      [ids],
    );
    const channelOf = new Map(targets.map((order) => [order.orderId, order.channel]));
    for (const row of visible.rows) {
      samples.push({
        channel: channelOf.get(row.orderId)!,
        status,
        ms: row.at.getTime() - sentAt.get(row.orderId)!,
      });
    }
  }
  const byChannel = Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      summarize(samples.filter((sample) => sample.channel === channel).map((sample) => sample.ms)),
    ]),
  ) as Record<WebhookChannel, LatencySummary>;
  const byStatus = Object.fromEntries(
    JOURNEY.map(({ status }) => [
      status,
      summarize(samples.filter((sample) => sample.status === status).map((sample) => sample.ms)),
    ]),
  );
  return { service: summarize(samples.map((sample) => sample.ms)), byChannel, byStatus, lastPushAt };
}

function report(runs: RunFigures[]): void {
  const m = (pick: (run: RunFigures) => number) => median(runs.map(pick));
  console.log(`\nmedians over ${runs.length} runs (${runs[0]?.service.count ?? 0} pushes per run)`);
  for (const p of ['p50', 'p95', 'p99'] as const) {
    const base = m((r) => r.baseline[p]);
    const svc = m((r) => r.service[p]);
    console.log(
      `  ${p} latency (ms)   bare signal→activity ${fmt(base)}   signed webhook→read model ${fmt(svc)}   ratio ${fmt(svc / base, 2)}`,
    );
  }
  const line = (label: string, pick: (run: RunFigures) => LatencySummary) =>
    console.log(
      `  ${label.padEnd(22)} p50/p95/p99 ${fmt(m((r) => pick(r).p50))}/${fmt(m((r) => pick(r).p95))}/` +
        `${fmt(m((r) => pick(r).p99))} ms`,
    );
  for (const channel of CHANNELS) line(`via ${channel}`, (r) => r.byChannel[channel]);
  for (const { status } of JOURNEY) line(`scan → ${status}`, (r) => r.byStatus[status]!);
  if (NOTIFICATIONS) {
    const caughtUp = m((r) => r.messagesCaughtUpS ?? Number.NaN);
    console.log(`  customer messages caught up ${fmt(caughtUp, 1)} s after the last push (median)`);
  }
}

/**
 * Waits until no customer notice is still being worked on: none left in the notice outbox and no
 * notice workflow running (none of this benchmark's waits out quiet hours).
 */
async function noticesFinished(client: Client, db: Database): Promise<void> {
  const query = `WorkflowType = 'notifyCustomer' AND ExecutionStatus = 'Running'`;
  const outboxEmpty = async () =>
    (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM notice_outbox')).rows[0]?.n === 0;
  await waitFor(
    async () => (await outboxEmpty()) && (await client.workflow.count(query)).count === 0,
    600_000,
  );
}

/** Deliveries of the scans' customer messages (out for delivery, delivered), by status. */
async function customerMessages(db: Database, orderIds: string[]): Promise<string> {
  const result = await db.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM notification_deliveries
     WHERE order_id = ANY($1::text[]) AND milestone IN ('out_for_delivery', 'delivered') GROUP BY status`,
    [orderIds],
  );
  return result.rows.length === 0 ? 'none' : result.rows.map((row) => `${row.n} ${row.status}`).join(', ');
}

async function settle(client: Client, db: Database): Promise<void> {
  if (NOTIFICATIONS) await noticesFinished(client, db);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
