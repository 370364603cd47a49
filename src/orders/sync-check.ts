import type { Client } from '@temporalio/client';
import type { Queryable } from '../db/database';
import { listOrderIds, queryOrderTimeline, queryOrderView } from './order-client';
import { findOrder, findTimeline, listOrderSyncRows } from './order-read-model';

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
  /** The delivery forecast and at-risk flag in one line ('none' before the order ships with a model). */
  forecast: string;
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

const forecastLine = (forecast: {
  from: string | null;
  to: string | null;
  estimate: string | null;
  lateProbability: number | null;
  atRisk: boolean;
}) =>
  `${forecast.from ?? 'none'}..${forecast.to ?? 'none'} est ${forecast.estimate ?? 'none'} p ${forecast.lateProbability ?? 'none'}${forecast.atRisk ? ' at risk' : ''}`;

const bySeq = <T extends { seq: number }>(entries: T[]) => [...entries].sort((a, b) => a.seq - b.seq);

function timelineDifference(workflow: string[], readModel: string[]): string | undefined {
  if (workflow.length !== readModel.length) {
    return `timeline: workflow ${workflow.length} entries vs read model ${readModel.length}`;
  }
  const at = workflow.findIndex((line, i) => line !== readModel[i]);
  return at < 0 ? undefined : `timeline: workflow ${workflow[at]} vs read model ${readModel[at]}`;
}

function differences(workflow: Comparable, readModel: Comparable | undefined): string | undefined {
  if (!readModel) return 'missing from the read model';
  const diffs = (['status', 'version', 'forecast'] as const)
    .filter((field) => workflow[field] !== readModel[field])
    .map((field) => `${field}: workflow ${workflow[field]} vs read model ${readModel[field]}`);
  const timeline = timelineDifference(workflow.timeline, readModel.timeline);
  if (timeline) diffs.push(timeline);
  return diffs.length > 0 ? diffs.join('; ') : undefined;
}

async function readModelOf(db: Queryable, orderId: string): Promise<Comparable | undefined> {
  const record = await findOrder(db, orderId);
  if (!record) return undefined;
  const timeline = await findTimeline(db, orderId);
  return {
    status: record.status,
    version: record.version,
    forecast: forecastLine({
      from: record.predictedFrom,
      to: record.predictedTo,
      estimate: record.predictedEstimate,
      lateProbability: record.lateProbability,
      atRisk: record.atRisk,
    }),
    timeline: bySeq(timeline).map(entryLine),
  };
}

async function workflowOf(client: Client, orderId: string): Promise<Comparable> {
  const [view, timeline] = await Promise.all([
    queryOrderView(client, orderId),
    queryOrderTimeline(client, orderId),
  ]);
  const forecast = view.deliveryForecast;
  return {
    status: view.status,
    version: view.version,
    forecast: forecastLine({
      from: forecast?.window.earliest ?? null,
      to: forecast?.window.latest ?? null,
      estimate: forecast?.estimatedDate ?? null,
      lateProbability: forecast?.lateProbability ?? null,
      atRisk: view.atRisk ?? false,
    }),
    timeline: bySeq(timeline).map(entryLine),
  };
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

/**
 * For every order, compares the read model with the workflow's own state (status, version, and every
 * timeline entry's event, outcome and recording time; the delivery forecast and at-risk flag), both
 * ways. A difference is re-checked after a
 * pause before it counts, so a projection that is in flight while the check runs is not reported.
 */
export async function checkSync(
  db: Queryable,
  client: Client,
  options: { settleMs?: number; rechecks?: number } = {},
): Promise<SyncReport> {
  const settleMs = options.settleMs ?? 500;
  const rechecks = options.rechecks ?? 3;
  const orderIds = await listOrderIds(client);
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
