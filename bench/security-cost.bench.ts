import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLogger } from '../src/logger';
import { installSdkLogging } from '../src/runtime/sdk-logging';
import { ENCRYPTED_ENCODING } from '../src/security/payload-codec';
import { startDevServer } from '../src/temporal/dev-server';
import { orderWorkflowId } from '../src/workflows/order/contract';
import { startOrderStack, type OrderStack } from '../test/support/order-stack';
import { defaultCredentials } from '../test/support/ops-credentials';
import { sampleOrder } from '../test/support/orders';
import { registerOrderNamespace } from '../test/support/temporal';
import { measureCodecCost } from './payload-codec.bench';
import { atRate, withConcurrency } from './support/pacing';
import { countWithStatus, waitFor } from './support/read-model';
import { fmt, median, summarize, type LatencySummary } from './support/stats';

/**
 * What authentication and encryption cost, in one process on one file-backed dev server: (a) the
 * stack as the service runs it (the access gate checking channel keys and operator tokens, payloads
 * AES-GCM encrypted by client and workers) against (b) the same stack with the gate replaced by a
 * stand-in that trusts every caller and Temporal's default data converter, each in a namespace of
 * its own. Rounds alternate a, b, a, b… so that drift of the machine hits both. Per round: orders
 * accepted/s through POST /orders at concurrency BENCH_CONCURRENCY, then warehouse event (POST
 * /orders/:id/events) → read model p50/p95/p99 at BENCH_RATE events/s. Then the codec's own cost
 * per payload. Env: BENCH_RUNS (3 rounds of each), BENCH_ORDERS (300), BENCH_RATE (50),
 * BENCH_CONCURRENCY (20), BENCH_SETTLE_MS (5000), BENCH_WARMUP_ORDERS (2 × concurrency, untimed, per
 * stack before the first round), BENCH_PAYLOADS (20000, codec payloads per run), BENCH_FIRST=plain to
 * run b before a in every round (to see whether going first matters).
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 300);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 5000);
const WARMUP_ORDERS = Number(process.env.BENCH_WARMUP_ORDERS ?? 2 * CONCURRENCY);
const CODEC_PAYLOADS = Number(process.env.BENCH_PAYLOADS ?? 20_000);
const SKU = 'SKU-BENCH';
const PLAIN_NAMESPACE = 'security-cost-plain';

interface Variant {
  label: 'secure' | 'plain';
  stack: OrderStack;
  /** Whether the caller sends credentials (only the gated stack reads them). */
  credentials: boolean;
}

interface RoundFigures {
  ordersPerSec: number;
  latency: LatencySummary;
  /** POST /orders/:id/events answered. */
  ack: LatencySummary;
}

async function main(): Promise<void> {
  installSdkLogging(createLogger('warn'));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ost-bench-security-'));
  const env = await startDevServer({ dataDir });
  await registerOrderNamespace(env, PLAIN_NAMESPACE);
  const stacks: OrderStack[] = [];
  try {
    const secure = await startOrderStack({ sharedTemporal: { env, namespace: env.namespace ?? 'default' } });
    stacks.push(secure);
    const plain = await startOrderStack({
      sharedTemporal: { env, namespace: PLAIN_NAMESPACE },
      security: { access: 'open', payloads: 'plain' },
    });
    stacks.push(plain);
    const variants: Variant[] = [
      { label: 'secure', stack: secure, credentials: true },
      { label: 'plain', stack: plain, credentials: false },
    ];
    if (process.env.BENCH_FIRST === 'plain') variants.reverse();
    for (const variant of variants) await stock(variant);
    await checkVariants(env, variants);
    // Untimed: the process's first requests pay for JIT and connections, which round 1's first
    // variant would otherwise carry alone.
    for (const variant of variants) await acceptOrders(variant, 'WARM', WARMUP_ORDERS);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    console.log(
      `security cost benchmark: ${RUNS} rounds of each (${variants.map((v) => v.label).join(', ')} alternating), ${ORDERS} orders/round, ` +
        `concurrency ${CONCURRENCY}, ${RATE} events/s, dev server on a SQLite file (WAL + synchronous=normal)`,
    );
    const rounds: Record<Variant['label'], RoundFigures[]> = { secure: [], plain: [] };
    for (let round = 1; round <= RUNS; round++) {
      for (const variant of variants) {
        const figures = await oneRound(round, variant);
        rounds[variant.label].push(figures);
        console.log(
          `round ${round} ${variant.label.padEnd(6)}: accepted/s ${fmt(figures.ordersPerSec, 1)} | ` +
            `event→read model p50/p95/p99 ${fmt(figures.latency.p50)}/${fmt(figures.latency.p95)}/${fmt(figures.latency.p99)} ms ` +
            `(event answered p50/p99 ${fmt(figures.ack.p50)}/${fmt(figures.ack.p99)} ms)`,
        );
      }
    }
    report(rounds);
  } finally {
    for (const stack of stacks.reverse()) await stack.stop();
    await env.teardown();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const codec = await measureCodecCost(3, CODEC_PAYLOADS);
  console.log(
    `codec alone: an order's input (${codec.payloadBytes} bytes, ${codec.encryptedBytes} encrypted) ` +
      `encode ${codec.encodeMicrosecondsPerPayload} µs, decode ${codec.decodeMicrosecondsPerPayload} µs per payload ` +
      `(median of ${codec.runs} runs of ${codec.payloadsPerRun})`,
  );
}

async function stock(variant: Variant): Promise<void> {
  const response = await send(variant, 'PUT', `/inventory/${SKU}`, { onHand: 10_000_000 });
  if (response.status !== 200) throw new Error(`${variant.label}: stocking answered ${response.status}`);
}

/** Each variant is what it claims: the secure one refuses a caller without credentials and encrypts. */
async function checkVariants(env: TestWorkflowEnvironment, variants: Variant[]): Promise<void> {
  for (const variant of variants) {
    const anonymous = await fetch(`${variant.stack.baseUrl}/orders/web:acme:none`);
    await anonymous.arrayBuffer();
    const expectedStatus = variant.credentials ? 401 : 404;
    if (anonymous.status !== expectedStatus) {
      throw new Error(`${variant.label}: anonymous GET answered ${anonymous.status}, not ${expectedStatus}`);
    }
    const externalId = `CHECK-${variant.label}`;
    const created = await send(variant, 'POST', '/orders', submission(externalId));
    if (created.status !== 201) throw new Error(`${variant.label}: POST /orders answered ${created.status}`);
    const history = await env.connection.workflowService.getWorkflowExecutionHistory({
      namespace: variant.stack.client.options.namespace,
      execution: { workflowId: orderWorkflowId(`web:acme:${externalId}`) },
    });
    const input = history.history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input;
    const encoding = Buffer.from(input?.payloads?.[0]?.metadata?.encoding ?? []).toString('utf8');
    if ((encoding === ENCRYPTED_ENCODING) !== variant.credentials) {
      throw new Error(`${variant.label}: the order's input reached Temporal as ${encoding}`);
    }
  }
}

function submission(externalId: string) {
  return sampleOrder({
    externalId,
    // Placed now with a promise a week out, as live traffic is: no stage deadline is missed at once.
    placedAt: new Date().toISOString(),
    promisedDeliveryDate: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
    lines: [{ sku: SKU, quantity: 1, unitPriceMinor: 999 }],
  });
}

/** `count` orders through POST /orders at BENCH_CONCURRENCY, then reserved; the ms their acceptance took. */
async function acceptOrders(variant: Variant, prefix: string, count: number): Promise<number> {
  const ms = await withConcurrency(count, CONCURRENCY, async (i) => {
    const response = await send(variant, 'POST', '/orders', submission(`${prefix}-${i}`));
    if (response.status !== 201)
      throw new Error(`${variant.label}: POST /orders answered ${response.status}`);
  });
  const orderIds = Array.from({ length: count }, (_, i) => `web:acme:${prefix}-${i}`);
  // The new orders' own work (reservation, projection, notices) done before anything else is timed.
  const { db } = variant.stack.database;
  await waitFor(async () => (await countWithStatus(db, orderIds, 'reserved')) === count, 180_000);
  return ms;
}

async function oneRound(round: number, variant: Variant): Promise<RoundFigures> {
  const { db } = variant.stack.database;
  const prefix = `R${round}`;
  const ms = await acceptOrders(variant, prefix, ORDERS);
  const orderIds = Array.from({ length: ORDERS }, (_, i) => `web:acme:${prefix}-${i}`);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

  const sentAt = new Map<string, number>();
  const acks: number[] = [];
  await atRate(ORDERS, RATE, async (i) => {
    const orderId = orderIds[i]!;
    const started = Date.now();
    sentAt.set(orderId, started);
    const response = await send(variant, 'POST', `/orders/${encodeURIComponent(orderId)}/events`, {
      eventId: `pick-${round}`,
      type: 'picked',
    });
    if (response.status !== 200) throw new Error(`${variant.label}: event answered ${response.status}`);
    acks.push(Date.now() - started);
  });
  await waitFor(async () => (await countWithStatus(db, orderIds, 'processing')) === ORDERS, 120_000);
  const visible = await db.query<{ orderId: string; at: Date }>(
    `SELECT order_id AS "orderId", updated_at AS at FROM orders WHERE order_id = ANY($1::text[])`,
    [orderIds],
  );
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  return {
    ordersPerSec: (ORDERS / ms) * 1000,
    latency: summarize(visible.rows.map((row) => row.at.getTime() - sentAt.get(row.orderId)!)),
    ack: summarize(acks),
  };
}

function report(rounds: Record<Variant['label'], RoundFigures[]>): void {
  const m = (label: Variant['label'], pick: (figures: RoundFigures) => number) =>
    median(rounds[label].map(pick));
  console.log(`\nmedians over ${rounds.secure.length} rounds of each (aim: under 5 % cost)`);
  const line = (name: string, pick: (figures: RoundFigures) => number, higherIsBetter: boolean) => {
    const secure = m('secure', pick);
    const plain = m('plain', pick);
    const ratio = secure / plain;
    const cost = (higherIsBetter ? 1 - ratio : ratio - 1) * 100;
    console.log(
      `  ${name.padEnd(26)} secure ${fmt(secure, 1).padStart(8)}   plain ${fmt(plain, 1).padStart(8)}   ` +
        `ratio secure/plain ${fmt(ratio, 3)}   cost ${fmt(cost, 1)} %`,
    );
  };
  line('orders accepted/s', (f) => f.ordersPerSec, true);
  for (const p of ['p50', 'p95', 'p99'] as const) {
    line(`event→read model ${p} (ms)`, (f) => f.latency[p], false);
  }
}

async function send(variant: Variant, method: string, route: string, body: unknown): Promise<Response> {
  const { baseUrl } = variant.stack;
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(variant.credentials ? await defaultCredentials(baseUrl, method, route, body) : {}),
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
