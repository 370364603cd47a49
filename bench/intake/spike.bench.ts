/**
 * Spike control against a real server: a real Temporal dev server, PostgreSQL, the intake router on a
 * real port, and a worker running a stand-in order workflow.
 *
 *   npx tsx bench/intake/spike.bench.ts
 *
 * Phase 1 runs steady traffic on three channels and a 5× campaign spike on Shopify; callers told to
 * retry (429 + Retry-After) retry like the platforms do, and at the end every order must have been
 * accepted exactly once. Phase 2 compares accepted orders/s through the API with a bare
 * client.workflow.start loop at the same concurrency.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { Worker } from '@temporalio/worker';
import { issueChannelApiKey } from '../../src/intake/api-keys';
import { createIntake } from '../../src/intake/create-intake';
import type { IntakeConfigInput } from '../../src/intake/config';
import { shopifyOrderWebhook, wooOrderWebhook } from '../../src/simulators/channels/webhooks';
import { createTestDatabase } from '../../test/support/database';
import { startTemporal } from '../../test/support/temporal';
import { intakeBenchOrder } from './order-workflow';
import { temporalBenchStarter } from './temporal-starter';

const TASK_QUEUE = 'intake-bench';
const fixtures = path.join(__dirname, '../../test/fixtures/channels');
const load = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(fixtures, name), 'utf8')) as Record<string, unknown>;
const SECRET = { shopify: 'bench-shopify-secret', woocommerce: 'bench-woo-secret' };
const BASE_RATE = Number(process.env.BENCH_BASE_RATE ?? 10);
const SPIKE_FACTOR = 5;
const PHASE_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
// Per channel account; keep the sum over channels below what the box can start (see phase 1).
const RATE_LIMIT = Number(process.env.BENCH_RATE_LIMIT ?? BASE_RATE * 1.5);

type Channel = 'shopify' | 'woocommerce' | 'rest';
interface Stats {
  sent: number;
  accepted: number;
  tooMany: number;
  other: number;
  latencies: number[];
  /** Latencies of requests sent before and during the spike. */
  calm: number[];
  spiked: number[];
  firstAckAt: number;
  lastAckAt: number;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function main(): Promise<void> {
  const [env, database] = await Promise.all([startTemporal(), createTestDatabase('ost_intake_bench')]);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    dataConverter: env.client.options.dataConverter,
    taskQueue: TASK_QUEUE,
    workflowsPath: require.resolve('./workflows'),
    maxConcurrentWorkflowTaskExecutions: 50,
  });
  const running = worker.run();
  const config: IntakeConfigInput = {
    shopify: { 'campaign-shop': { webhookSecret: SECRET.shopify } },
    woocommerce: { 'steady-store': { webhookSecret: SECRET.woocommerce } },
    rateLimits: {
      default: { perSecond: 1_000_000, burst: 1_000_000 },
      channels: {},
    },
    starts: { maxConcurrentPerChannel: 16, maxQueuedPerChannel: 64 },
  };
  const spikeConfig: IntakeConfigInput = {
    ...config,
    rateLimits: { default: { perSecond: RATE_LIMIT, burst: RATE_LIMIT }, channels: {} },
  };
  const startOrder = temporalBenchStarter(env.client, TASK_QUEUE);
  const { apiKey } = await issueChannelApiKey(database.db, 'bench-portal');

  async function serve(
    intakeConfig: IntakeConfigInput,
  ): Promise<{ url: string; close: () => Promise<void> }> {
    const app = express();
    app.use(createIntake({ db: database.db, startOrder, config: intakeConfig }).router);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      close: () => new Promise((resolve) => server.close(() => resolve())),
    };
  }

  let sequence = 0;
  function request(channel: Channel): { path: string; body: string; headers: Record<string, string> } {
    sequence += 1;
    if (channel === 'shopify') {
      const delivery = shopifyOrderWebhook(
        { ...load('shopify-orders-create.json'), id: 9_000_000 + sequence },
        SECRET.shopify,
      );
      return { path: '/intake/shopify/campaign-shop', ...delivery };
    }
    if (channel === 'woocommerce') {
      const delivery = wooOrderWebhook(
        { ...load('woocommerce-order-created.json'), id: 9_000_000 + sequence },
        SECRET.woocommerce,
      );
      return { path: '/intake/woocommerce/steady-store', ...delivery };
    }
    return {
      path: '/intake/rest/bench-portal',
      body: JSON.stringify({ ...load('rest-order.json'), externalId: `PO-${sequence}` }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    };
  }

  // Phase 1: steady traffic on three channels, a 5× campaign spike on Shopify in the second half.
  const spike = await serve(spikeConfig);
  const stats = new Map<Channel, Stats>();
  const pending: Array<Promise<void>> = [];
  const accepted = new Set<string>();
  let generated = 0;
  const send = async (channel: Channel, r: ReturnType<typeof request>): Promise<void> => {
    const s = stats.get(channel) ?? {
      sent: 0,
      accepted: 0,
      tooMany: 0,
      other: 0,
      latencies: [],
      calm: [],
      spiked: [],
      firstAckAt: 0,
      lastAckAt: 0,
    };
    stats.set(channel, s);
    for (;;) {
      s.sent += 1;
      const started = performance.now();
      const response = await fetch(spike.url + r.path, { method: 'POST', body: r.body, headers: r.headers });
      const body = (await response.json()) as { orderId?: string };
      const now = performance.now();
      s.latencies.push(now - started);
      (started - phaseStart < PHASE_SECONDS * 1000 ? s.calm : s.spiked).push(now - started);
      s.firstAckAt ||= now;
      s.lastAckAt = now;
      if (response.status === 201 || response.status === 202) {
        s.accepted += 1;
        if (body.orderId) accepted.add(body.orderId);
        return;
      }
      if (response.status !== 429 && response.status !== 503) {
        s.other += 1;
        return;
      }
      s.tooMany += 1;
      await new Promise((resolve) =>
        setTimeout(resolve, Number(response.headers.get('retry-after') ?? 1) * 1000),
      );
    }
  };
  const schedule = (
    channel: Channel,
    ratePerSecond: number,
    fromSeconds: number,
    toSeconds: number,
  ): Promise<void> =>
    new Promise((resolve) => {
      setTimeout(() => {
        const interval = 1000 / ratePerSecond;
        const end = performance.now() + (toSeconds - fromSeconds) * 1000;
        let next = performance.now();
        const tick = (): void => {
          const now = performance.now();
          while (next <= now && next < end) {
            generated += 1;
            pending.push(send(channel, request(channel)));
            next += interval;
          }
          if (next < end) setTimeout(tick, Math.max(0, next - performance.now()));
          else resolve();
        };
        tick();
      }, fromSeconds * 1000);
    });
  const total = PHASE_SECONDS * 2;
  const phaseStart = performance.now();
  await Promise.all([
    schedule('woocommerce', BASE_RATE, 0, total),
    schedule('rest', BASE_RATE, 0, total),
    schedule('shopify', BASE_RATE, 0, PHASE_SECONDS),
    schedule('shopify', BASE_RATE * SPIKE_FACTOR, PHASE_SECONDS, total),
  ]);
  await Promise.all(pending);
  await spike.close();
  console.log(
    `spike: ${BASE_RATE}/s per channel for ${total}s; Shopify ${BASE_RATE * SPIKE_FACTOR}/s (5×) in the last ${PHASE_SECONDS}s; ` +
      `rate limit ${RATE_LIMIT}/s per channel account`,
  );
  const table: Record<string, Record<string, string | number>> = {};
  for (const [channel, s] of stats) {
    const seconds = Math.max(0.001, (s.lastAckAt - s.firstAckAt) / 1000);
    table[channel] = {
      requests: s.sent,
      accepted: s.accepted,
      'accepted/s': (s.accepted / seconds).toFixed(1),
      '429s': s.tooMany,
      other: s.other,
      'p50 ack ms': percentile(s.latencies, 50).toFixed(1),
      'p99 ack ms': percentile(s.latencies, 99).toFixed(1),
      'p99 before spike': percentile(s.calm, 99).toFixed(1),
      'p99 during spike': percentile(s.spiked, 99).toFixed(1),
    };
  }
  console.table(table);
  console.log(
    `orders generated ${generated}, accepted exactly once ${accepted.size}, dropped ${generated - accepted.size}`,
  );

  // Phase 2 (after the spike, so its backlog does not weigh on the spike figures): throughput at the API vs a bare client.workflow.start loop, same concurrency.
  const concurrency = 16;
  const api = await serve(config);
  const runFor = async (seconds: number, once: () => Promise<void>): Promise<number> => {
    let done = 0;
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < until) {
          await once();
          done += 1;
        }
      }),
    );
    return done / seconds;
  };
  const apiRate = await runFor(PHASE_SECONDS, async () => {
    const r = request('rest');
    const response = await fetch(api.url + r.path, { method: 'POST', body: r.body, headers: r.headers });
    await response.arrayBuffer();
    if (response.status !== 201) throw new Error(`unexpected ${response.status}`);
  });
  let bare = 0;
  const bareRate = await runFor(PHASE_SECONDS, async () => {
    bare += 1;
    await env.client.workflow.start(intakeBenchOrder, {
      workflowId: `bare-${bare}-${Math.random()}`,
      taskQueue: TASK_QUEUE,
      args: [{ ...load('rest-order.json'), orderId: `bare-${bare}` } as never],
    });
  });
  await api.close();
  console.log(
    `throughput (concurrency ${concurrency}): API ${apiRate.toFixed(0)} accepted orders/s, bare client.workflow.start ` +
      `${bareRate.toFixed(0)} starts/s, ratio ${(apiRate / bareRate).toFixed(2)}`,
  );

  worker.shutdown();
  await running;
  await database.drop();
  await env.teardown();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
