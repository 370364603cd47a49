import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { checkSync } from '../../src/orders/sync-check';
import { startOrderStack, type OrderStack } from '../support/order-stack';
import { eventually, orderPath, request } from '../support/http';
import { sampleOrder } from '../support/orders';

const repoRoot = path.resolve(__dirname, '..', '..');

describe('sync check: read model vs workflow state', () => {
  let stack: OrderStack;
  before(async () => {
    stack = await startOrderStack();
  });
  after(async () => {
    await stack?.stop();
  });
  const api = (method: string, path: string, body?: unknown) => request(stack.baseUrl, method, path, body);
  // Asynchronous on purpose: the worker that answers the command's queries runs in this process.
  const runCli = () =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', 'src/orders/sync-check-cli.ts'],
        {
          cwd: repoRoot,
          env: { ...process.env, DATABASE_URL: stack.database.url, TEMPORAL_ADDRESS: stack.env.address },
        },
        (_error, stdout, stderr) => resolve({ status: child.exitCode, stdout, stderr }),
      );
    });

  test('orders driven through several states are in sync, and the command says so', async () => {
    await api('PUT', '/inventory/SKU-SYNC', { onHand: 4 });
    const ids: string[] = [];
    for (const externalId of ['SYNC-1', 'SYNC-2', 'SYNC-3', 'SYNC-4']) {
      const created = await api(
        'POST',
        '/orders',
        sampleOrder({ externalId, lines: [{ sku: 'SKU-SYNC', quantity: 1, unitPriceMinor: 100 }] }),
      );
      ids.push(created.body.orderId as string);
    }
    // Stock for four; a fifth order for a SKU with none is backordered.
    const backordered = await api('POST', '/orders', sampleOrder({ externalId: 'SYNC-5' }));
    ids.push(backordered.body.orderId as string);
    await eventually(async () =>
      (await api('GET', orderPath(ids[0]!))).body.status === 'reserved' ? true : undefined,
    );
    await api('POST', `${orderPath(ids[0]!)}/events`, { eventId: 'p', type: 'picked' });
    await api('POST', `${orderPath(ids[1]!)}/cancel`, {});

    const report = await checkSync(stack.database.db, stack.env.client);
    assert.equal(report.workflowsChecked, 5);
    assert.deepEqual(report.mismatches, []);

    const cli = await runCli();
    assert.equal(cli.status, 0, cli.stderr);
    assert.match(cli.stdout, /Checked 5 order workflows against 5 read-model rows .*: 0 mismatches/);
    assert.equal((await api('GET', '/ops/sync-check')).status, 200);
  });

  test('a read model that drifted is reported and the command exits non-zero', async () => {
    await stack.database.db.query(
      `UPDATE orders SET status = 'delivered' WHERE order_id = 'web:acme:SYNC-3'`,
    );
    await stack.database.db.query(`DELETE FROM order_timeline WHERE order_id = 'web:acme:SYNC-4'`);
    // Same length, same status: only one entry's recording time differs.
    await stack.database.db.query(
      `UPDATE order_timeline SET recorded_at = recorded_at + interval '1 second'
       WHERE order_id = 'web:acme:SYNC-2' AND seq = 1`,
    );
    const report = await checkSync(stack.database.db, stack.env.client, { settleMs: 10, rechecks: 1 });
    assert.deepEqual(report.mismatches.map((m) => m.orderId).sort(), [
      'web:acme:SYNC-2',
      'web:acme:SYNC-3',
      'web:acme:SYNC-4',
    ]);
    const problemOf = (suffix: string) => report.mismatches.find((m) => m.orderId.endsWith(suffix))!.problem;
    assert.match(problemOf('SYNC-3'), /status: workflow \w+ vs read model delivered/);
    assert.match(problemOf('SYNC-4'), /timeline: workflow \d+ entries vs read model 0/);
    assert.match(
      problemOf('SYNC-2'),
      /timeline: workflow #1 inventory_reserved#1 → reserved at .* vs read model #1 /,
    );

    const cli = await runCli();
    assert.equal(cli.status, 1);
    assert.match(cli.stdout, /MISMATCH web:acme:SYNC-3/);
    assert.match(cli.stdout, /3 mismatches/);
  });
});
