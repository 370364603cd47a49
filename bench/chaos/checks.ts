import type { Client } from '@temporalio/client';
import type { Queryable } from '../../src/db/database';
import { SENT_STATUSES } from '../../src/notifications/sending/records';
import { checkSync } from '../../src/orders/sync-check';
import { firstAcceptance, type DeliveryRow, type ProviderReceipts } from './messages';
import type { DrivenOrder } from './order-driver';
import { readStatus } from './read-model';

export interface Invariant {
  name: string;
  /** One line per violation; empty when it holds. */
  problems: string[];
  /** A figure to print next to it. */
  detail?: string;
}

const SENT = new Set<string>(SENT_STATUSES);
/** Milestones a customer must never hear about twice for one order on one channel. */
const ONCE_PER_ORDER = new Set(['order_confirmed', 'shipped', 'out_for_delivery', 'delivered']);

export async function finalStates(db: Queryable, orders: DrivenOrder[]): Promise<Invariant> {
  const problems: string[] = [];
  for (const order of orders) {
    const status = await readStatus(db, order.orderId);
    if (status !== order.expected)
      problems.push(`${order.orderId} is ${status ?? 'missing'}, expected ${order.expected}`);
  }
  const delivered = orders.filter((order) => order.expected === 'delivered').length;
  return {
    name: 'every order in its expected final state',
    problems,
    detail: `${orders.length} orders (${delivered} delivered, ${orders.length - delivered} probes reserved)`,
  };
}

export async function readModelInSync(db: Queryable, client: Client): Promise<Invariant> {
  const name = 'read model equal to workflow state (sync check)';
  let failure = '';
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    try {
      const report = await checkSync(db, client, { settleMs: 1000, rechecks: 20 });
      return {
        name,
        problems: report.mismatches.map((m) => `${m.orderId}: ${m.problem}`),
        detail: `${report.workflowsChecked} workflows, ${report.readModelRows} read-model rows`,
      };
    } catch (error) {
      failure = String(error);
    }
  }
  return { name, problems: [`the sync check could not run: ${failure}`] };
}

export function noDuplicates(rows: DeliveryRow[], receipts: ProviderReceipts): Invariant {
  const problems: string[] = [];
  for (const [key, times] of receipts.byKey)
    if (times.length > 1) problems.push(`${key} accepted ${times.length} times by its provider`);
  for (const [key, times] of receipts.smsByText)
    if (times.length > 1) problems.push(`SMS ${key.slice(0, 80)} accepted ${times.length} times`);
  const perMilestone = new Map<string, number>();
  for (const row of rows) {
    if (!ONCE_PER_ORDER.has(row.milestone) || !SENT.has(row.status)) continue;
    const key = `${row.order_id}|${row.milestone}|${row.channel}`;
    perMilestone.set(key, (perMilestone.get(key) ?? 0) + 1);
  }
  for (const [key, count] of perMilestone)
    if (count > 1) problems.push(`${key} sent for ${count} different events`);
  return {
    name: 'no duplicate message per order, event and channel (providers and delivery records)',
    problems,
    detail: `${receipts.byKey.size + receipts.smsByText.size} messages at the providers, ${rows.length} delivery records`,
  };
}

/**
 * Every order's customer heard of each step by email: confirmed, shipped and delivered (probes:
 * confirmed). Out for delivery may be folded into a later scan that came in the same push.
 */
export function everyStepMessaged(rows: DeliveryRow[], orders: DrivenOrder[]): Invariant {
  const emailed = new Set(
    rows.filter((row) => row.channel === 'email').map((row) => `${row.order_id}|${row.milestone}`),
  );
  const problems: string[] = [];
  for (const order of orders) {
    const steps =
      order.expected === 'delivered' ? ['order_confirmed', 'shipped', 'delivered'] : ['order_confirmed'];
    for (const step of steps)
      if (!emailed.has(`${order.orderId}|${step}`)) problems.push(`${order.orderId} has no ${step} email`);
  }
  return { name: 'every order step messaged (confirmed, shipped, delivered by email)', problems };
}

/** The fallback that stood in for a channel that failed, by order, event and failed channel. */
function fallbacksOf(rows: DeliveryRow[]): Map<string, DeliveryRow> {
  return new Map(
    rows
      .filter((row) => row.fallback_for)
      .map((row) => [`${row.order_id}|${row.event_id}|${row.fallback_for}`, row]),
  );
}

/** The record that finally carried this message: itself, or the end of its chain of fallbacks. */
function carrierOf(row: DeliveryRow, fallbacks: Map<string, DeliveryRow>): DeliveryRow {
  let current = row;
  for (let hops = 0; hops < 4 && !SENT.has(current.status); hops += 1) {
    const next = fallbacks.get(`${current.order_id}|${current.event_id}|${current.channel}`);
    if (!next) break;
    current = next;
  }
  return current;
}

/**
 * Sent means the provider has it; a failed channel must have been replaced by a fallback that was
 * sent, or end in a dead letter that says why.
 */
export function sentOrDeadLettered(rows: DeliveryRow[], receipts: ProviderReceipts): Invariant {
  const fallbacks = fallbacksOf(rows);
  const problems: string[] = [];
  let sent = 0;
  let dead = 0;
  let replaced = 0;
  for (const row of rows) {
    if (SENT.has(row.status)) {
      sent += 1;
      if (row.channel !== 'in_app' && firstAcceptance(row, receipts) === undefined)
        problems.push(`${row.delivery_key} is ${row.status} but its provider never accepted it`);
    } else if (row.status !== 'suppressed') {
      const carrier = carrierOf(row, fallbacks);
      if (SENT.has(carrier.status)) replaced += 1;
      else if (carrier.dead_letter_reason?.trim()) dead += 1;
      else
        problems.push(
          `${row.delivery_key} is ${row.status}, neither sent (itself or by a fallback) nor a dead letter with a reason`,
        );
    }
  }
  return {
    name: 'every message sent or a dead letter with its reason',
    problems,
    detail: `${sent} sent, ${replaced} failed and sent by a fallback, ${dead} dead letters`,
  };
}

/** Share of the phase's provider messages (fallbacks standing in for their original) accepted within 60 s. */
export function deliveryRate(
  rows: DeliveryRow[],
  receipts: ProviderReceipts,
  orderIds: Set<string>,
): Invariant {
  const phase = rows.filter((row) => orderIds.has(row.order_id) && row.channel !== 'in_app');
  const fallbacks = fallbacksOf(phase);
  const originals = phase.filter((row) => !row.fallback_for);
  let within = 0;
  const late: string[] = [];
  for (const row of originals) {
    const accepted = firstAcceptance(carrierOf(row, fallbacks), receipts);
    const latency = accepted === undefined ? Infinity : accepted - new Date(row.requested_at).getTime();
    if (latency <= 60_000) within += 1;
    else
      late.push(
        `${row.delivery_key} ${Number.isFinite(latency) ? `after ${(latency / 1000).toFixed(1)} s` : 'never accepted'}`,
      );
  }
  const rate = originals.length ? within / originals.length : 0;
  const problems =
    rate >= 0.999 && originals.length > 0 ? [] : [`${(rate * 100).toFixed(2)}% < 99.9%`, ...late];
  return {
    name: 'notification delivery rate within 60 s under 30% provider faults >= 99.9%',
    problems,
    detail: `${within}/${originals.length} = ${(rate * 100).toFixed(2)}%`,
  };
}
