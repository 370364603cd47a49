import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { toCanonicalOrder, orderSubmissionSchema } from '../src/domain/order';
import { createLogger } from '../src/logger';
import { installSdkLogging } from '../src/runtime/sdk-logging';
import { startDevServer } from '../src/temporal/dev-server';
import { ORDER_WORKFLOW_RELEASE, ORDERS_TASK_QUEUE, orderWorkflowId } from '../src/workflows/order/contract';
import type { Database } from '../src/db/database';
import { startOrderStack } from '../test/support/order-stack';
import { sampleOrder } from '../test/support/orders';
import { startDirectOrderRoute } from './order-core/direct-order-route';
import { cpuDuring, ownCpuMs, processCpuMs } from './support/cpu';
import { atRate, withConcurrency } from './support/pacing';
import { countWithStatus, waitFor } from './support/read-model';
import { startSignalBaseline, type SignalBaseline } from './support/signal-baseline';
import { fmt, median, summarize, type LatencySummary } from './support/stats';
import { defaultCredentials } from '../test/support/ops-credentials';

/**
 * Order core benchmark, every figure next to its bare-Temporal baseline measured on the same dev
 * server in the same run:
 * (1) orders accepted/s at concurrency 20 through a bare client.workflow.start loop, a route that only
 *     validates and starts (bench/order-core/direct-order-route.ts) and POST /orders, with the CPU
 *     each order costs until it is reserved, in this process (API, workers, the benchmark's client)
 *     and in the dev server: steadier than the rates on a busy machine;
 * (2) warehouse event via the API → status visible in the read model, vs a bare signal → activity
 *     round trip, both at 50 events/s over a few hundred open orders, with the CPU per message.
 * Env: BENCH_RUNS (3), BENCH_ORDERS (300), BENCH_RATE (50), BENCH_CONCURRENCY (20),
 * BENCH_SETTLE_MS (5000, a pause before each timed phase), BENCH_DEFAULT_SQLITE=1 to run on SQLite's
 * default pragmas instead of WAL.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 300);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const SKU = 'SKU-BENCH';
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 5000);

interface RunFigures {
  bareStartsPerSec: number;
  apiOrdersPerSec: number;
  /** Through a route that validates and starts, without the access gate and the intake's admission. */
  directOrdersPerSec: number;
  /** CPU ms per order from the loop's start until its orders are reserved: [this process, dev server]. */
  bareCpuPerOrder: [number, number];
  apiCpuPerOrder: [number, number];
  directCpuPerOrder: [number, number];
  baseline: LatencySummary;
  service: LatencySummary;
  /** POST /orders/:id/events answered (the update applied by the workflow). */
  ack: LatencySummary;
  /** CPU ms (this process + dev server) per bare signal → activity, and per event → read model. */
  cpuPerSignal: number;
  cpuPerEvent: number;
}

async function main(): Promise<void> {
  installSdkLogging(createLogger('warn'));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ost-bench-'));
  const defaultSqlite = process.env.BENCH_DEFAULT_SQLITE === '1';
  const stack = await startOrderStack({
    temporal: () => startDevServer({ dataDir, defaultSqlitePragmas: defaultSqlite }),
  });
  const client = stack.env.client;
  const db = stack.database.db;
  const baseUrl = stack.baseUrl;
  const direct = await startDirectOrderRoute(client);

  const baseline = await startSignalBaseline(stack.env);
  await post(baseUrl, `/inventory/${SKU}`, { onHand: 10_000_000 }, 'PUT');

  console.log(
    `order core benchmark: ${RUNS} runs, ${ORDERS} orders/run, ${RATE} events/s, concurrency ${CONCURRENCY}, ` +
      `dev server on SQLite file with ${defaultSqlite ? 'DEFAULT pragmas' : 'WAL + synchronous=normal'}`,
  );
  const runs: RunFigures[] = [];
  try {
    for (let run = 1; run <= RUNS; run++) {
      const figures = await oneRun(run, { client, baseUrl, directUrl: direct.url, db, dataDir }, baseline);
      runs.push(figures);
      console.log(
        `run ${run}: accepted/s bare ${fmt(figures.bareStartsPerSec, 1)} direct ${fmt(figures.directOrdersPerSec, 1)} ` +
          `api ${fmt(figures.apiOrdersPerSec, 1)} | ` +
          `event→read model p50/p95/p99 ${fmt(figures.service.p50)}/${fmt(figures.service.p95)}/${fmt(figures.service.p99)} ms ` +
          `vs bare signal→activity ${fmt(figures.baseline.p50)}/${fmt(figures.baseline.p95)}/${fmt(figures.baseline.p99)} ms ` +
          `(event answered p50/p99 ${fmt(figures.ack.p50)}/${fmt(figures.ack.p99)} ms) | ` +
          `CPU ms/order bare ${cpuText(figures.bareCpuPerOrder)} direct ${cpuText(figures.directCpuPerOrder)} ` +
          `api ${cpuText(figures.apiCpuPerOrder)}; per bare signal ${fmt(figures.cpuPerSignal, 2)}, ` +
          `per event ${fmt(figures.cpuPerEvent, 2)}`,
      );
    }
  } finally {
    await baseline.stop();
    await direct.close();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  report(runs);
}

interface BenchTarget {
  client: Client;
  baseUrl: string;
  directUrl: string;
  db: Database;
  /** The dev server's data directory, which names its process. */
  dataDir: string;
}

async function oneRun(
  run: number,
  { client, baseUrl, directUrl, db, dataDir }: BenchTarget,
  signalBaseline: SignalBaseline,
): Promise<RunFigures> {
  const submission = (prefix: string, i: number) =>
    sampleOrder({
      externalId: `${prefix}-${run}-${i}`,
      // Placed now with a promise a week out, as live traffic is: no stage deadline is missed at once.
      placedAt: new Date().toISOString(),
      promisedDeliveryDate: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
      lines: [{ sku: SKU, quantity: 1, unitPriceMinor: 999 }],
    });

  // (1) Throughput: the bare start loop, then the API, same order shape and concurrency, each from a
  // quiet start: the orders of the one before have done their own work (reservation, projection).
  const apiOrderIds = Array.from({ length: ORDERS }, (_, i) => `web:acme:API-${run}-${i}`);
  const bareOrderIds = Array.from({ length: ORDERS }, (_, i) => `web:acme:BARE-${run}-${i}`);
  const directOrderIds = Array.from({ length: ORDERS }, (_, i) => `web:acme:DIRECT-${run}-${i}`);
  const reserved = (orderIds: string[]) =>
    waitFor(async () => (await countWithStatus(db, orderIds, 'reserved')) === orderIds.length, 180_000);
  const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const perOrder = (cpu: { ownMs: number; otherMs: number }): [number, number] => [
    cpu.ownMs / ORDERS,
    cpu.otherMs / ORDERS,
  ];
  let bareMs = 0;
  const bareCpu = await cpuDuring(dataDir, async () => {
    bareMs = await withConcurrency(ORDERS, CONCURRENCY, async (i) => {
      const order = toCanonicalOrder(orderSubmissionSchema.parse(submission('BARE', i)));
      await client.workflow.start('orderWorkflow', {
        taskQueue: ORDERS_TASK_QUEUE,
        workflowId: orderWorkflowId(order.orderId),
        args: [{ order, release: ORDER_WORKFLOW_RELEASE }],
      });
    });
    await reserved(bareOrderIds);
  });
  await settle();
  let directMs = 0;
  const directCpu = await cpuDuring(dataDir, async () => {
    directMs = await withConcurrency(ORDERS, CONCURRENCY, async (i) => {
      const response = await post(directUrl, '/orders', submission('DIRECT', i), 'POST', false);
      if (response.status !== 201) throw new Error(`direct POST /orders answered ${response.status}`);
    });
    await reserved(directOrderIds);
  });
  await settle();
  let apiMs = 0;
  const apiCpu = await cpuDuring(dataDir, async () => {
    apiMs = await withConcurrency(ORDERS, CONCURRENCY, async (i) => {
      const response = await post(baseUrl, '/orders', submission('API', i));
      if (response.status !== 201) throw new Error(`POST /orders answered ${response.status}`);
    });
    await reserved(apiOrderIds);
  });
  await settle();

  // (2a) Baseline: signal → one activity, on as many open workflows.
  const baseline = await signalBaseline.measure({
    label: `order-core-${run}`,
    workflows: ORDERS,
    signals: ORDERS,
    rate: RATE,
    concurrency: CONCURRENCY,
    settleMs: SETTLE_MS,
    cpuParts: () => ({ process: ownCpuMs(), devServer: processCpuMs(dataDir) }),
  });
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

  // (2b) Service: POST /orders/:id/events → the read model shows the new status (commit time).
  const sentAt = new Map<string, number>();
  const acks: number[] = [];
  const eventsCpu = await cpuDuring(dataDir, async () => {
    await atRate(ORDERS, RATE, async (i) => {
      const orderId = apiOrderIds[i]!;
      const started = Date.now();
      sentAt.set(orderId, started);
      const response = await post(baseUrl, `/orders/${encodeURIComponent(orderId)}/events`, {
        eventId: `pick-${run}`,
        type: 'picked',
      });
      if (response.status !== 200) throw new Error(`event answered ${response.status}`);
      acks.push(Date.now() - started);
    });
    await waitFor(async () => (await countWithStatus(db, apiOrderIds, 'processing')) === ORDERS, 120_000);
  });
  const visible = await db.query<{ orderId: string; at: Date }>(
    `SELECT order_id AS "orderId", updated_at AS at FROM orders WHERE order_id = ANY($1::text[])`,
    [apiOrderIds],
  );
  const service = summarize(visible.rows.map((row) => row.at.getTime() - sentAt.get(row.orderId)!));

  return {
    bareStartsPerSec: (ORDERS / bareMs) * 1000,
    apiOrdersPerSec: (ORDERS / apiMs) * 1000,
    directOrdersPerSec: (ORDERS / directMs) * 1000,
    bareCpuPerOrder: perOrder(bareCpu),
    apiCpuPerOrder: perOrder(apiCpu),
    directCpuPerOrder: perOrder(directCpu),
    baseline,
    service,
    ack: summarize(acks),
    cpuPerSignal: baseline.cpuMsPerSignal ?? Number.NaN,
    cpuPerEvent: (eventsCpu.ownMs + eventsCpu.otherMs) / ORDERS,
  };
}

function report(runs: RunFigures[]): void {
  const m = (pick: (run: RunFigures) => number) => median(runs.map(pick));
  const bare = m((r) => r.bareStartsPerSec);
  const api = m((r) => r.apiOrdersPerSec);
  const direct = m((r) => r.directOrdersPerSec);
  console.log(`\nmedians over ${runs.length} runs`);
  console.log(
    `  orders accepted/s   bare client.workflow.start ${fmt(bare, 1)}   POST /orders ${fmt(api, 1)}   ratio api/bare ${fmt(api / bare, 2)}`,
  );
  console.log(
    `  orders accepted/s   validate-and-start route ${fmt(direct, 1)}   ratio api/direct ${fmt(api / direct, 2)} ` +
      `(what the access gate and the intake's admission cost)`,
  );
  const cpu = (pick: (run: RunFigures) => [number, number]): [number, number] => [
    m((r) => pick(r)[0]),
    m((r) => pick(r)[1]),
  ];
  const [bareCpu, directCpu, apiCpu] = [
    cpu((r) => r.bareCpuPerOrder),
    cpu((r) => r.directCpuPerOrder),
    cpu((r) => r.apiCpuPerOrder),
  ];
  const total = ([own, server]: [number, number]) => own + server;
  console.log(
    `  CPU ms per order (service + bench process / dev server)   bare ${cpuText(bareCpu)}   ` +
      `validate-and-start route ${cpuText(directCpu)}   POST /orders ${cpuText(apiCpu)}   ` +
      `POST /orders over the route ${fmt(total(apiCpu) - total(directCpu), 2)}`,
  );
  const [perSignal, perEvent] = [m((r) => r.cpuPerSignal), m((r) => r.cpuPerEvent)];
  console.log(
    `  CPU ms per message (both processes)   bare signal→activity ${fmt(perSignal, 2)}   ` +
      `API event→read model ${fmt(perEvent, 2)}   ratio ${fmt(perEvent / perSignal, 2)}`,
  );
  for (const p of ['p50', 'p95', 'p99'] as const) {
    const base = m((r) => r.baseline[p]);
    const svc = m((r) => r.service[p]);
    console.log(
      `  ${p} latency (ms)     bare signal→activity ${fmt(base)}   API event→read model ${fmt(svc)}   ratio ${fmt(svc / base, 2)}`,
    );
  }
}

const cpuText = ([own, server]: [number, number]) => `${fmt(own, 2)}/${fmt(server, 2)}`;

async function post(baseUrl: string, route: string, body: unknown, method = 'POST', gated = true) {
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(gated ? await defaultCredentials(baseUrl, method, route, body) : {}),
    },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
