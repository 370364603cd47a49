import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolveTemporalCli } from '../../src/temporal/cli';
import { orderWorkflowId } from '../../src/workflows/order/contract';
import { startOrderStack } from './order-stack';
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

async function main(): Promise<void> {
  const cliPath = resolveTemporalCli()?.path;
  if (!cliPath) throw new Error('The Temporal CLI is needed to export histories: run npm run setup');
  const folder = path.join(HISTORIES_DIR, await currentRelease());
  await mkdir(folder, { recursive: true });
  const stack = await startOrderStack();
  const api = (method: string, route: string, body?: unknown) => request(stack.baseUrl, method, route, body);
  const settle = (orderId: string, status: string) =>
    eventually(async () =>
      (await api('GET', orderPath(orderId))).body.status === status ? true : undefined,
    );
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

    for (const [name, orderId] of [
      ['happy-path', happy],
      ['hold-release-cancel', cancelled],
      ['backorder-restock', backordered],
    ] as const) {
      // The CLI's JSON export is the format Temporal's replayer and UI read.
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
      await writeFile(path.join(folder, `${name}.json`), stdout);
      const events = (JSON.parse(stdout) as { events: unknown[] }).events.length;
      console.log(`${name}: ${events} history events`);
    }
  } finally {
    await stack.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
