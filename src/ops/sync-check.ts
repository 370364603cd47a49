import type { Client } from '@temporalio/client';
import type { Queryable } from '../db/database';
import { findOrder, listOrderSyncRows } from '../orders/order-read-model';
import { orderViewQuery, timelineQuery } from '../workflows/messages';
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
  /** One line per timeline entry, by seq: what it recorded and when. */
  timeline: string[];
}

const entryLine = (entry: {
  seq: number;
  eventId: string;
  to: string;
  applied: boolean;
  recordedAt: string | Date;
}) =>
  `#${entry.seq} ${entry.eventId} → ${entry.to}${entry.applied ? '' : ' (not applied)'} at ${new Date(entry.recordedAt).toISOString()}`;

function timelineDifference(workflow: string[], readModel: string[]): string | undefined {
  if (workflow.length !== readModel.length) {
    return `timeline: workflow ${workflow.length} entries vs read model ${readModel.length}`;
  }
  const at = workflow.findIndex((line, i) => line !== readModel[i]);
  return at < 0 ? undefined : `timeline: workflow ${workflow[at]} vs read model ${readModel[at]}`;
}

function differences(workflow: Comparable, readModel: Comparable | undefined): string | undefined {
  if (!readModel) return 'missing from the read model';
  const diffs = (['status', 'version'] as const)
    .filter((field) => workflow[field] !== readModel[field])
    .map((field) => `${field}: workflow ${workflow[field]} vs read model ${readModel[field]}`);
  const timeline = timelineDifference(workflow.timeline, readModel.timeline);
  if (timeline) diffs.push(timeline);
  return diffs.length > 0 ? diffs.join('; ') : undefined;
}

async function timelineOf(db: Queryable, orderId: string): Promise<string[]> {
  const result = await db.query<{
    seq: number;
    eventId: string;
    to: string;
    applied: boolean;
    recordedAt: Date;
  }>(
    `SELECT seq, event_id AS "eventId", to_status AS "to", applied, recorded_at AS "recordedAt"
     FROM order_timeline WHERE order_id = $1 ORDER BY seq`,
    [orderId],
  );
  return result.rows.map(entryLine);
}

async function readModelOf(db: Queryable, orderId: string): Promise<Comparable | undefined> {
  const record = await findOrder(db, orderId);
  return (
    record && { status: record.status, version: record.version, timeline: await timelineOf(db, orderId) }
  );
}

async function workflowOf(client: Client, orderId: string): Promise<Comparable> {
  const handle = client.workflow.getHandle(orderWorkflowId(orderId));
  const [view, timeline] = await Promise.all([handle.query(orderViewQuery), handle.query(timelineQuery)]);
  const bySeq = [...timeline].sort((a, b) => a.seq - b.seq);
  return { status: view.status, version: view.version, timeline: bySeq.map(entryLine) };
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

/**
 * For every order, compares the read model with the workflow's own state (status, version, and every
 * timeline entry's event, outcome and recording time), both ways. A difference is re-checked after a
 * pause before it counts, so a projection that is in flight while the check runs is not reported.
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
    for (let attempt = 0; ; attempt++) {
      const [workflow, readModel] = await Promise.all([
        workflowOf(client, orderId),
        readModelOf(db, orderId),
      ]);
      const problem = differences(workflow, readModel);
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
