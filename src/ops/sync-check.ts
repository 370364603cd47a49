import type { Client } from '@temporalio/client';
import type { Queryable } from '../db/database';
import { findOrder, listOrderSyncRows } from '../orders/order-read-model';
import { orderViewQuery } from '../workflows/messages';
import { orderWorkflowId } from '../workflows/order-workflow-id';

export interface SyncMismatch {
  orderId: string;
  problem: string;
}

export interface SyncReport {
  workflowsChecked: number;
  readModelRows: number;
  mismatches: SyncMismatch[];
}

interface Comparable {
  status: string;
  version: number;
  timelineLength: number;
}

function differences(workflow: Comparable, readModel: Comparable | undefined): string | undefined {
  if (!readModel) return 'missing from the read model';
  const diffs = (['status', 'version', 'timelineLength'] as const)
    .filter((field) => workflow[field] !== readModel[field])
    .map((field) => `${field}: workflow ${workflow[field]} vs read model ${readModel[field]}`);
  return diffs.length > 0 ? diffs.join('; ') : undefined;
}

async function timelineLength(db: Queryable, orderId: string): Promise<number> {
  const result = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM order_timeline WHERE order_id = $1',
    [orderId],
  );
  return result.rows[0]?.n ?? 0;
}

async function readModelOf(db: Queryable, orderId: string): Promise<Comparable | undefined> {
  const record = await findOrder(db, orderId);
  return (
    record && {
      status: record.status,
      version: record.version,
      timelineLength: await timelineLength(db, orderId),
    }
  );
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

/**
 * For every order, compares the read model with the workflow's own state (status, version, timeline
 * length), both ways. A difference is re-checked after a pause before it counts, so a projection that
 * is in flight while the check runs is not reported.
 */
export async function checkSync(
  db: Queryable,
  client: Client,
  options: { settleMs?: number; rechecks?: number } = {},
): Promise<SyncReport> {
  const settleMs = options.settleMs ?? 500;
  const rechecks = options.rechecks ?? 3;
  const orderIds: string[] = [];
  for await (const execution of client.workflow.list({
    query: `WorkflowType = 'orderWorkflow' AND ExecutionStatus != 'ContinuedAsNew'`,
  })) {
    orderIds.push(execution.workflowId.replace(/^order:/, ''));
  }
  const rows = await listOrderSyncRows(db);
  const mismatches: SyncMismatch[] = [];
  const known = new Set(orderIds);
  for (const row of rows) {
    if (!known.has(row.orderId))
      mismatches.push({ orderId: row.orderId, problem: 'read model row without a workflow' });
  }

  await inBatches(orderIds, 16, async (orderId) => {
    const handle = client.workflow.getHandle(orderWorkflowId(orderId));
    for (let attempt = 0; ; attempt++) {
      const [view, readModel] = await Promise.all([handle.query(orderViewQuery), readModelOf(db, orderId)]);
      const problem = differences(view, readModel);
      if (!problem) return;
      if (attempt >= rechecks) {
        mismatches.push({ orderId, problem });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, settleMs));
    }
  });
  return { workflowsChecked: orderIds.length, readModelRows: rows.length, mismatches };
}
