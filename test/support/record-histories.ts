import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolveTemporalCli } from '../../src/temporal/cli';
import { orderWorkflowId } from '../../src/workflows/order/contract';
import { DEFAULT_PROMISE_POLICY } from '../../src/domain/promise/promise-policy';
import { stageDeadlineSettings } from '../../src/domain/promise/stage-deadlines';
import { startOrderStack, type OrderStack } from './order-stack';
import { eventually, orderPath, request } from './http';
import { deliverOrder, shipOrder } from './lifecycle-driver';
import { sampleOrder } from './orders';
import { currentRelease, HISTORIES_DIR } from './histories';

/**
 * Records real histories of the order workflow into test/fixtures/histories/<package.json version>/,
 * the current release's folder: `npm run histories:record`. The replay test runs every release's
 * folder against the current code, so a change that would break orders started on an earlier
 * release fails CI. Earlier releases' folders are never re-recorded.
 */

/** Orders through the standard paths: delivered, held then cancelled, backordered then restocked. */
async function recordStandardPaths(): Promise<void> {
  const stack = await startOrderStack();
  const api = (method: string, route: string, body?: unknown) => request(stack.baseUrl, method, route, body);
  const settle = settler(api);
  try {
    await api('PUT', '/inventory/SKU-MUG', { onHand: 10 });
    await api('PUT', '/inventory/SKU-RARE', { onHand: 0 });

    const happy = (await api('POST', '/orders', sampleOrder({ externalId: 'HIST-HAPPY' }))).body
      .orderId as string;
    const trackingNumber = await shipOrder(stack.baseUrl, happy);
    await deliverOrder(stack.env.client, happy, trackingNumber);
    await settle(happy, 'delivered');

    const cancelled = (await api('POST', '/orders', sampleOrder({ externalId: 'HIST-CANCEL' }))).body
      .orderId as string;
    await settle(cancelled, 'reserved');
    await api('POST', `${orderPath(cancelled)}/hold`, { eventId: 'h1', reason: 'address check' });
    await api('POST', `${orderPath(cancelled)}/release`, { eventId: 'r1' });
    await api('POST', `${orderPath(cancelled)}/cancel`, { reason: 'customer request' });
    await settle(cancelled, 'cancelled');

    const rare = sampleOrder({
      externalId: 'HIST-BACKORDER',
      lines: [{ sku: 'SKU-RARE', quantity: 1, unitPriceMinor: 900 }],
    });
    const backordered = (await api('POST', '/orders', rare)).body.orderId as string;
    await settle(backordered, 'backordered');
    await api('POST', '/inventory/SKU-RARE/restock', { eventId: 'po-1', quantity: 2 });
    await settle(backordered, 'reserved');

    await exportHistory(stack, 'happy-path', happy);
    await exportHistory(stack, 'hold-release-cancel', cancelled);
    await exportHistory(stack, 'backorder-restock', backordered);
  } finally {
    await stack.stop();
  }
}

/**
 * An order that misses its pick deadline (two seconds here): the exception is raised, cleared when
 * the order is picked, and the order goes on to delivery.
 */
async function recordMissedDeadline(): Promise<void> {
  const now = Date.now();
  const promise = { promisedDeliveryDate: '2026-12-31', source: 'derived' as const, shipDate: '2026-12-30' };
  const deadlines = {
    ...stageDeadlineSettings(
      { customer: { ...sampleOrder().customer, locale: 'en', timeZone: 'America/New_York' } },
      promise,
      DEFAULT_PROMISE_POLICY,
      now,
    ),
    pickWithinMs: 2000,
  };
  const stack = await startOrderStack({ workflowSettings: { deadlines } });
  const api = (method: string, route: string, body?: unknown) => request(stack.baseUrl, method, route, body);
  try {
    await api('PUT', '/inventory/SKU-MUG', { onHand: 10 });
    const late = (await api('POST', '/orders', sampleOrder({ externalId: 'HIST-LATE-PICK' }))).body
      .orderId as string;
    await settler(api)(late, 'reserved');
    await eventually(async () => {
      const { rows } = await stack.database.db.query(
        `SELECT 1 FROM order_exceptions WHERE order_id = $1 AND resolved_at IS NULL`,
        [late],
      );
      return rows.length > 0 ? true : undefined;
    });
    const trackingNumber = await shipOrder(stack.baseUrl, late);
    await deliverOrder(stack.env.client, late, trackingNumber);
    await settler(api)(late, 'delivered');
    await exportHistory(stack, 'missed-pick-deadline', late);
  } finally {
    await stack.stop();
  }
}

const settler =
  (api: (method: string, route: string) => Promise<{ body: Record<string, unknown> }>) =>
  (orderId: string, status: string) =>
    eventually(async () =>
      (await api('GET', orderPath(orderId))).body.status === status ? true : undefined,
    );

/** The CLI's JSON export, the format Temporal's replayer and UI read. */
async function exportHistory(stack: OrderStack, name: string, orderId: string): Promise<void> {
  const cliPath = resolveTemporalCli()?.path;
  if (!cliPath) throw new Error('The Temporal CLI is needed to export histories: run npm run setup');
  const { stdout } = await promisify(execFile)(
    cliPath,
    [
      'workflow',
      'show',
      '--address',
      stack.env.address,
      '--workflow-id',
      orderWorkflowId(orderId),
      '--output',
      'json',
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const folder = path.join(HISTORIES_DIR, await currentRelease());
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, `${name}.json`), stdout);
  const events = (JSON.parse(stdout) as { events: unknown[] }).events.length;
  console.log(`${name}: ${events} history events`);
}

const RECORDINGS: Record<string, () => Promise<void>> = {
  standard: recordStandardPaths,
  'missed-deadline': recordMissedDeadline,
};

/** `npm run histories:record` records all; `-- missed-deadline` (or `standard`) only those. */
async function main(names: string[]): Promise<void> {
  for (const name of names.length > 0 ? names : Object.keys(RECORDINGS)) {
    const record = RECORDINGS[name];
    if (!record) throw new Error(`No recording named ${name}; known: ${Object.keys(RECORDINGS).join(', ')}`);
    await record();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
