import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEST_OPS_TOKEN } from '../../test/support/ops-credentials';
import { fmt } from '../support/stats';
import { orderBurst } from './order-burst';
import { startService, stockUp, type RunningService } from './service-process';

/**
 * Memory of `npm start`'s process (src/main.ts: API, order and notification workers, simulators) as
 * open orders pile up: starts it the way `npm run bench:service` does, sends orders through POST
 * /orders in steps, waits until each step's orders are projected and confirmed, and samples the
 * process's resident set (/proc) and the main thread's V8 heap and external memory (its /metrics).
 * RSS minus the main heap and external memory is mostly the workflow threads' heaps and the SDK's
 * Rust core. Env: BENCH_BURST (3000), BENCH_STEP (1000), BENCH_BURST_CONCURRENCY (16),
 * BENCH_PORT_BASE (24100), BENCH_SETTLE_MS (5000), BENCH_SERVICE_NODE_ARGS (Node options of the service), BENCH_HEAP_SNAPSHOTS=1 (a heap snapshot of the
 * main thread in a temporary directory it prints, at the start and after each step, via SIGUSR2).
 */
const TOTAL = Number(process.env.BENCH_BURST ?? 3000);
const STEP = Number(process.env.BENCH_STEP ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_BURST_CONCURRENCY ?? 16);
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 24_100);
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 5000);
const SNAPSHOTS = process.env.BENCH_HEAP_SNAPSHOTS === '1';
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SKU = 'SKU-BENCH-PARCEL';
const MiB = 2 ** 20;

interface MemorySample {
  openOrders: number;
  rssBytes: number;
  rssAnonBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
  /** Messages the SendGrid, Twilio and FCM simulators hold, and their size as JSON. */
  simulatorMessages: number;
  simulatorBytes: number;
}

function procStatusBytes(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1];
  return kb ? Number(kb) * 1024 : Number.NaN;
}

/** Sums the samples of a Prometheus metric (all label sets) in a /metrics text. */
function metricSum(text: string, name: string): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name} `) || line.startsWith(`${name}{`)) sum += Number(line.split(' ').pop());
  }
  return sum;
}

async function simulatorHoldings(): Promise<{ messages: number; bytes: number }> {
  let messages = 0;
  let bytes = 0;
  for (const port of [PORT_BASE + 4, PORT_BASE + 5, PORT_BASE + 6]) {
    const text = await (await fetch(`http://127.0.0.1:${port}/_sim/received`)).text();
    messages += (JSON.parse(text) as { received: unknown[] }).received.length;
    bytes += Buffer.byteLength(text);
  }
  return { messages, bytes };
}

async function sample(service: RunningService, openOrders: number): Promise<MemorySample> {
  const held = await simulatorHoldings();
  const response = await fetch(`${service.baseUrl}/metrics`, {
    headers: { authorization: `Bearer ${TEST_OPS_TOKEN}` },
  });
  const metrics = await response.text();
  if (!response.ok) throw new Error(`GET /metrics answered ${response.status}`);
  return {
    openOrders,
    rssBytes: procStatusBytes(service.pid, 'VmRSS'),
    rssAnonBytes: procStatusBytes(service.pid, 'RssAnon'),
    heapUsedBytes: metricSum(metrics, 'nodejs_heap_size_used_bytes'),
    heapTotalBytes: metricSum(metrics, 'nodejs_heap_size_total_bytes'),
    externalBytes: metricSum(metrics, 'nodejs_external_memory_bytes'),
    simulatorMessages: held.messages,
    simulatorBytes: held.bytes,
  };
}

function printSample(s: MemorySample): void {
  const rest = s.rssBytes - s.heapTotalBytes - s.externalBytes;
  console.log(
    `${String(s.openOrders).padStart(6)} open orders: RSS ${fmt(s.rssBytes / MiB)} MiB (anon ${fmt(s.rssAnonBytes / MiB)}); ` +
      `main heap used/total ${fmt(s.heapUsedBytes / MiB)}/${fmt(s.heapTotalBytes / MiB)} MiB; ` +
      `external ${fmt(s.externalBytes / MiB)} MiB; rest (workflow threads, Rust core, code) ${fmt(rest / MiB)} MiB; ` +
      `simulators hold ${s.simulatorMessages} messages (${fmt(s.simulatorBytes / MiB, 1)} MiB as JSON)`,
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  console.log(`memory profile of src/main.ts: ${TOTAL} orders in steps of ${STEP}`);
  const snapshotDir = SNAPSHOTS ? mkdtempSync(path.join(tmpdir(), 'ost-heap-')) : '';
  if (SNAPSHOTS) console.log(`heap snapshots go to ${snapshotDir}`);
  const service = await startService({
    portBase: PORT_BASE,
    adminUrl: ADMIN_URL,
    databaseName: `ost_bench_memory_${PORT_BASE}`,
    // Ports of its own (API and simulators from the base, the UI's codec endpoint too).
    env: { TEMPORAL_CODEC_PORT: String(PORT_BASE + 7) },
    nodeArgs: [
      ...(process.env.BENCH_SERVICE_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      ...(SNAPSHOTS ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${snapshotDir}`] : []),
    ],
  });
  try {
    await stockUp(service.baseUrl, SKU, 10_000_000);
    await sleep(SETTLE_MS);
    printSample(await sample(service, 0));
    if (SNAPSHOTS) process.kill(service.pid, 'SIGUSR2');
    for (let open = 0, step = 1; open < TOTAL; step++) {
      const count = Math.min(STEP, TOTAL - open);
      const burst = await orderBurst({
        baseUrl: service.baseUrl,
        db: service.db,
        prefix: `MEM${step}`,
        count,
        concurrency: CONCURRENCY,
        sku: SKU,
        rssBytes: service.rssBytes,
      });
      open += count;
      await sleep(SETTLE_MS);
      printSample(await sample(service, open));
      if (SNAPSHOTS) process.kill(service.pid, 'SIGUSR2');
      if (burst.acceptedPerS <= 0) break;
    }
  } finally {
    await service.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
