import type { Client } from '@temporalio/client';
import { orderWorkflowId } from '../src/workflows/order/contract';
import { shipOrders } from './carrier-webhooks/shipped-orders';
import { upsWebhookToken } from './carrier-webhooks/signed-push';
import { orderBurst, type BurstFigures } from './service/order-burst';
import { strainDuring, type ProcessStrain } from './service/process-metrics';
import { pushScans, type PushFigures } from './service/scan-pushes';
import {
  cpuBetween,
  startService,
  stockUp,
  type RunningService,
  type StackCpu,
} from './service/service-process';
import { ownCpuMs } from './support/cpu';
import { startSignalBaseline, type BaselineFigures, type SignalBaseline } from './support/signal-baseline';
import type { PathBreakdown } from './support/signal-path';
import { fmt, median, type LatencySummary } from './support/stats';
import { TEST_WEBHOOK_SECRETS } from '../test/support/order-stack';

/**
 * The whole service as `npm start` runs it (src/main.ts: its own file-backed dev server with WAL and
 * synchronous=normal, PostgreSQL at BENCH_ADMIN_URL in a database of its own, both workers, the
 * simulators), measured from outside over HTTP, next to the bare signal → activity floor on the same
 * dev server in the same run. Per run: signed carrier pushes at 50/s (aggregators repeating the whole
 * history) with customer messages flowing, then at 100/s, then a burst of orders at the intake's full
 * rate. `--quick` is a short smoke run. Env: BENCH_RUNS (3), BENCH_ORDERS (300), BENCH_BURST (10000),
 * BENCH_BURST_CONCURRENCY (16), BENCH_PORT_BASE (24000), BENCH_SETTLE_MS (5000).
 */
const QUICK = process.argv.includes('--quick');
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 1 : 3));
const ORDERS = Number(process.env.BENCH_ORDERS ?? (QUICK ? 40 : 300));
const BURST = Number(process.env.BENCH_BURST ?? (QUICK ? 300 : 10_000));
const BURST_CONCURRENCY = Number(process.env.BENCH_BURST_CONCURRENCY ?? 16);
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 24_000);
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 5000);
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SKU = 'SKU-BENCH-PARCEL';
/** Orders of the 50/s phase whose histories show where the read-model time goes. */
const BREAKDOWN_ORDERS = 60;

interface RunFigures {
  baseline50: BaselineFigures;
  at50: PushFigures;
  /** The service process during the 50/s phase: event loop delay and GC. */
  strain50: ProcessStrain;
  /** CPU per push of the 50/s phase, the customer messages it causes included, ms. */
  cpuPerPush: StackCpu;
  /** CPU per order of the burst, its confirmation included, ms. */
  cpuPerOrder: StackCpu;
  baseline100: LatencySummary;
  at100: PushFigures;
  burst: BurstFigures;
  historyEvents: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function oneRun(service: RunningService, baseline: SignalBaseline, run: number): Promise<RunFigures> {
  const ship = (prefix: string) =>
    shipOrders({
      baseUrl: service.baseUrl,
      db: service.db,
      prefix,
      count: ORDERS,
      sku: SKU,
      concurrency: 16,
      simulatorUrl: service.carrierSimulatorUrl,
    });
  const set50 = await ship(`SVC50-${run}`);
  const set100 = await ship(`SVC100-${run}`);
  await sleep(SETTLE_MS);
  const upsToken = await upsWebhookToken(service.baseUrl, TEST_WEBHOOK_SECRETS.ups);
  const round = (label: string, signals: number, rate: number) =>
    baseline.measure({
      label: `${label}-${run}`,
      workflows: ORDERS,
      signals,
      rate,
      concurrency: 16,
      settleMs: SETTLE_MS,
      // The baseline's client and worker run in this process, on the service's dev server.
      cpuParts: () => ({ clientAndWorker: ownCpuMs(), devServer: service.cpu().temporalMs }),
    });

  const baseline50 = await round('b50', ORDERS * 3, 50);
  const cpuBefore50 = service.cpu();
  const { result: at50, strain: strain50 } = await strainDuring(service.baseUrl, () =>
    pushScans({
      baseUrl: service.baseUrl,
      db: service.db,
      orders: set50,
      rounds: [0, 1, 2],
      rate: 50,
      upsToken,
      breakdown: { client: service.client, orders: BREAKDOWN_ORDERS },
    }),
  );
  const cpuPerPush = perUnit(cpuBetween(cpuBefore50, service.cpu()), at50.pushes);
  await sleep(SETTLE_MS);
  const baseline100 = await round('b100', ORDERS * 2, 100);
  const at100 = await pushScans({
    baseUrl: service.baseUrl,
    db: service.db,
    orders: set100,
    rounds: [0, 1],
    rate: 100,
    upsToken,
  });
  await sleep(SETTLE_MS);
  const cpuBeforeBurst = service.cpu();
  const burst = await orderBurst({
    baseUrl: service.baseUrl,
    db: service.db,
    prefix: `BURST${run}`,
    count: BURST,
    concurrency: BURST_CONCURRENCY,
    sku: SKU,
    rssBytes: service.rssBytes,
  });
  const cpuPerOrder = perUnit(cpuBetween(cpuBeforeBurst, service.cpu()), burst.orders);
  const historyEvents = await historyLength(service.client, set50[0]!.orderId);
  return { baseline50, at50, strain50, cpuPerPush, cpuPerOrder, baseline100, at100, burst, historyEvents };
}

/** Events in the history of an order taken from intake to delivered (the standard lifecycle). */
async function historyLength(client: Client, orderId: string): Promise<number> {
  const history = await client.workflow.getHandle(orderWorkflowId(orderId)).fetchHistory();
  return history.events?.length ?? 0;
}

const perUnit = (cpu: StackCpu, units: number): StackCpu => ({
  serviceMs: cpu.serviceMs / units,
  temporalMs: cpu.temporalMs / units,
  postgresMs: cpu.postgresMs / units,
});

const cpuText = (cpu: StackCpu) =>
  `${fmt(cpu.serviceMs + cpu.temporalMs + cpu.postgresMs, 1)} ms (service ${fmt(cpu.serviceMs, 1)}, ` +
  `dev server ${fmt(cpu.temporalMs, 1)}, PostgreSQL ${fmt(cpu.postgresMs, 1)})`;

const bareCpu = (baseline: Pick<BaselineFigures, 'cpuMsPerSignalBy'>) => ({
  clientAndWorker: baseline.cpuMsPerSignalBy?.clientAndWorker ?? Number.NaN,
  devServer: baseline.cpuMsPerSignalBy?.devServer ?? Number.NaN,
});

const bareCpuText = (baseline: Pick<BaselineFigures, 'cpuMsPerSignalBy'>) => {
  const { clientAndWorker, devServer } = bareCpu(baseline);
  return `${fmt(clientAndWorker + devServer, 1)} ms (client and worker ${fmt(clientAndWorker, 1)}, dev server ${fmt(devServer, 1)})`;
};

const ms = (s: LatencySummary) => `${fmt(s.p50)}/${fmt(s.p95)}/${fmt(s.p99)} ms`;

function printRun(run: number, f: RunFigures): void {
  console.log(
    `run ${run}: at 50 pushes/s (${f.at50.pushes} pushes, ${fmt(f.at50.eventsPerAggregatorPush, 1)} events per aggregator push): ` +
      `answer ${ms(f.at50.answer)}; webhook→read model ${ms(f.at50.readModel)} vs bare signal→activity ${ms(f.baseline50)}; ` +
      `webhook→message accepted ${ms(f.at50.message)} (${f.at50.messages} messages, at most ${fmt(f.at50.messageMaxMs)} ms behind)`,
  );
  console.log(
    `       CPU per 50/s push ${cpuText(f.cpuPerPush)}; per bare signal→activity ${bareCpuText(f.baseline50)}; ` +
      `per burst order ${cpuText(f.cpuPerOrder)}`,
  );
  console.log(
    `       at 100 pushes/s: answer ${ms(f.at100.answer)}; webhook→read model ${ms(f.at100.readModel)} vs bare ${ms(f.baseline100)}`,
  );
  console.log(
    `       burst of ${f.burst.orders} orders: accepted ${fmt(f.burst.acceptedPerS)}/s; all projected ${fmt(f.burst.projectedAfterS, 1)} s ` +
      `and all confirmed ${fmt(f.burst.confirmedAfterS, 1)} s after the last; ${fmt(f.burst.messagesPerS)} confirmations/s; ` +
      `service RSS ${fmt(f.burst.rssBytes / 2 ** 20)} MiB; delivered order's history ${f.historyEvents} events`,
  );
}

function report(runs: RunFigures[]): void {
  const m = (pick: (run: RunFigures) => number) => median(runs.map(pick));
  console.log(`\nmedians over ${runs.length} run(s)`);
  for (const p of ['p50', 'p95', 'p99'] as const) {
    const base = m((r) => r.baseline50[p]);
    const svc = m((r) => r.at50.readModel[p]);
    console.log(
      `  50/s ${p}: webhook→read model ${fmt(svc)} ms, bare signal→activity ${fmt(base)} ms, ratio ${fmt(svc / base, 2)}`,
    );
  }
  console.log(
    `  50/s webhook answer p50/p99 ${fmt(m((r) => r.at50.answer.p50))}/${fmt(m((r) => r.at50.answer.p99))} ms`,
  );
  console.log(
    `  50/s webhook→message accepted p50/p99 ${fmt(m((r) => r.at50.message.p50))}/${fmt(m((r) => r.at50.message.p99))} ms, ` +
      `at most ${fmt(m((r) => r.at50.messageMaxMs))} ms behind`,
  );
  const stage = (pick: (b: PathBreakdown) => LatencySummary) =>
    `${fmt(m((r) => (r.at50.breakdown ? pick(r.at50.breakdown).p50 : Number.NaN)))}/` +
    `${fmt(m((r) => (r.at50.breakdown ? pick(r.at50.breakdown).p99 : Number.NaN)))}`;
  console.log(
    `  50/s webhook→read model by stage, p50/p99 ms (${BREAKDOWN_ORDERS} orders' histories): ` +
      `push→signal recorded ${stage((b) => b.toServer)}, signal→workflow task started ${stage((b) => b.toTask)}, ` +
      `task started→read model commit ${stage((b) => b.toCommit)}`,
  );
  console.log(
    `  50/s service process: event loop delay p99 ${fmt(m((r) => r.strain50.loopDelayP99Ms))} ms, ` +
      `max ${fmt(m((r) => r.strain50.loopDelayMaxMs))} ms; GC ${fmt(m((r) => r.strain50.gcMs))} ms in the phase`,
  );
  const bareMedian = {
    cpuMsPerSignalBy: {
      clientAndWorker: m((r) => bareCpu(r.baseline50).clientAndWorker),
      devServer: m((r) => bareCpu(r.baseline50).devServer),
    },
  };
  const cpu = (pick: (run: RunFigures) => StackCpu): StackCpu => ({
    serviceMs: m((r) => pick(r).serviceMs),
    temporalMs: m((r) => pick(r).temporalMs),
    postgresMs: m((r) => pick(r).postgresMs),
  });
  console.log(
    `  CPU per 50/s push, its messages included: ${cpuText(cpu((r) => r.cpuPerPush))}; ` +
      `per bare signal→activity ${bareCpuText(bareMedian)}; ` +
      `per burst order, its confirmation included: ${cpuText(cpu((r) => r.cpuPerOrder))}`,
  );
  const p99at100 = m((r) => r.at100.readModel.p99);
  const base100 = m((r) => r.baseline100.p99);
  console.log(
    `  100/s p99: webhook→read model ${fmt(p99at100)} ms, bare ${fmt(base100)} ms, ratio ${fmt(p99at100 / base100, 2)}`,
  );
  console.log(
    `  burst of ${BURST}: accepted ${fmt(m((r) => r.burst.acceptedPerS))}/s; projected ${fmt(
      m((r) => r.burst.projectedAfterS),
      1,
    )} s, ` +
      `confirmed ${fmt(
        m((r) => r.burst.confirmedAfterS),
        1,
      )} s after the last order; ${fmt(m((r) => r.burst.messagesPerS))} confirmations/s; ` +
      `largest service RSS ${fmt(Math.max(...runs.map((r) => r.burst.rssBytes)) / 2 ** 20)} MiB`,
  );
  console.log(`  history of a delivered order: ${m((r) => r.historyEvents)} events`);
}

async function main(): Promise<void> {
  console.log(
    `service benchmark${QUICK ? ' (quick)' : ''}: ${RUNS} run(s); ${ORDERS} shipped orders per phase, burst of ${BURST}; ` +
      'src/main.ts on a file-backed dev server (WAL, synchronous=normal) and PostgreSQL',
  );
  const service = await startService({
    portBase: PORT_BASE,
    adminUrl: ADMIN_URL,
    databaseName: 'ost_bench_service',
  });
  const baseline = await startSignalBaseline(service);
  const runs: RunFigures[] = [];
  try {
    await stockUp(service.baseUrl, SKU, 10_000_000);
    for (let run = 1; run <= RUNS; run++) {
      const figures = await oneRun(service, baseline, run);
      printRun(run, figures);
      runs.push(figures);
    }
  } finally {
    await baseline.stop();
    await service.stop();
  }
  report(runs);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
