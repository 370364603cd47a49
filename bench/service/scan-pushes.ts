import type { Client } from '@temporalio/client';
import type { Database } from '../../src/db/database';
import { orderWorkflowId } from '../../src/workflows/order/contract';
import type { MilestoneKind } from '../../src/simulators/carriers/milestones';
import { TEST_WEBHOOK_SECRETS } from '../../test/support/order-stack';
import type { ShippedOrder } from '../carrier-webhooks/shipped-orders';
import { nextSignedPush } from '../carrier-webhooks/signed-push';
import { atRate } from '../support/pacing';
import { countWithStatus, waitFor } from '../support/read-model';
import { signalPathBreakdown, type PathBreakdown, type PathSample } from '../support/signal-path';
import { summarize, type LatencySummary } from '../support/stats';

/** Each round gives every order its next scan; each scan moves the order to a new status. */
export const JOURNEY: readonly { kind: MilestoneKind; status: string; milestone?: string }[] = [
  { kind: 'picked_up', status: 'in_transit' },
  { kind: 'out_for_delivery', status: 'out_for_delivery', milestone: 'out_for_delivery' },
  { kind: 'delivered', status: 'delivered', milestone: 'delivered' },
];

export interface PushFigures {
  pushes: number;
  /** POST sent → the webhook's 202. */
  answer: LatencySummary;
  /** POST sent → the read model row's commit (orders.updated_at). */
  readModel: LatencySummary;
  /** POST sent → each message the scan caused accepted by the provider (sent_at), every channel. */
  message: LatencySummary;
  /** The longest any message was behind its scan, ms. */
  messageMaxMs: number;
  messages: number;
  /** Aggregator pushes (EasyPost, AfterShip) carry the shipment's whole history: events carried / pushes. */
  eventsPerAggregatorPush: number;
  /** Where the read-model time goes, from the histories of the first `breakdownOrders` orders. */
  breakdown?: PathBreakdown;
}

interface Sent {
  orderId: string;
  milestone?: string;
  at: number;
}

/**
 * Round after round (rounds: indexes into JOURNEY) every order gets its next scan pushed at `rate`/s in
 * its channel's signed wire format; a round ends when the read model shows every order's new status.
 * Then waits for the customer messages those scans call for.
 */
export async function pushScans(input: {
  baseUrl: string;
  db: Database;
  orders: ShippedOrder[];
  rounds: readonly number[];
  rate: number;
  upsToken: string;
  /** With a client, the read-model time of this many orders' pushes is broken down by stage. */
  breakdown?: { client: Client; orders: number };
}): Promise<PushFigures> {
  const { baseUrl, db, orders, rate } = input;
  const answers: number[] = [];
  const sent: Sent[] = [];
  const readModel: number[] = [];
  const paths: PathSample[] = [];
  const traced = new Set(input.orders.slice(0, input.breakdown?.orders ?? 0).map((order) => order.orderId));
  const refused: string[] = [];
  let aggregatorPushes = 0;
  let aggregatorEvents = 0;
  for (const round of input.rounds) {
    const { kind, status, milestone } = JOURNEY[round]!;
    const sentAt = new Map<string, number>();
    await atRate(orders.length, rate, async (i) => {
      const order = orders[i]!;
      const push = nextSignedPush(
        order.shipment,
        order.channel,
        kind,
        Date.now(),
        TEST_WEBHOOK_SECRETS,
        input.upsToken,
      );
      if (order.channel === 'easypost' || order.channel === 'aftership') {
        aggregatorPushes += 1;
        aggregatorEvents += order.shipment.events.length;
      }
      const at = Date.now();
      sentAt.set(order.orderId, at);
      sent.push({ orderId: order.orderId, milestone, at });
      const response = await fetch(`${baseUrl}${push.path}`, {
        method: 'POST',
        headers: push.headers,
        body: push.raw,
      });
      await response.arrayBuffer();
      answers.push(Date.now() - at);
      if (response.status !== 202) refused.push(`${order.channel} ${kind}: HTTP ${response.status}`);
    });
    if (refused.length > 0) throw new Error(`pushes refused: ${refused.slice(0, 5).join('; ')}`);
    const ids = orders.map((order) => order.orderId);
    await waitFor(async () => (await countWithStatus(db, ids, status)) === ids.length, 300_000);
    const visible = await db.query<{ orderId: string; at: Date }>(
      `SELECT order_id AS "orderId", updated_at AS at FROM orders WHERE order_id = ANY($1::text[])`,
      [ids],
    );
    for (const row of visible.rows) {
      readModel.push(row.at.getTime() - sentAt.get(row.orderId)!);
      if (traced.has(row.orderId))
        paths.push({
          workflowId: orderWorkflowId(row.orderId),
          sentAt: sentAt.get(row.orderId)!,
          committedAt: row.at.getTime(),
        });
    }
  }
  const messages = await messageDelays(db, sent);
  const breakdown = input.breakdown ? await signalPathBreakdown(input.breakdown.client, paths) : undefined;
  return {
    ...(breakdown ? { breakdown } : {}),
    pushes: sent.length,
    answer: summarize(answers),
    readModel: summarize(readModel),
    message: summarize(messages),
    messageMaxMs: messages.length > 0 ? Math.max(...messages) : Number.NaN,
    messages: messages.length,
    eventsPerAggregatorPush: aggregatorPushes > 0 ? aggregatorEvents / aggregatorPushes : 0,
  };
}

/** Waits until every message the scans call for is accepted (or given up), then: push → acceptance, ms. */
async function messageDelays(db: Database, sent: Sent[]): Promise<number[]> {
  const announced = sent.filter((push) => push.milestone);
  if (announced.length === 0) return [];
  const orderIds = [...new Set(announced.map((push) => push.orderId))];
  const milestones = [...new Set(announced.map((push) => push.milestone!))];
  const query = async () =>
    (
      await db.query<{ orderId: string; milestone: string; sentAt: Date | null; status: string }>(
        `SELECT order_id AS "orderId", milestone, sent_at AS "sentAt", status FROM notification_deliveries
         WHERE order_id = ANY($1::text[]) AND milestone = ANY($2::text[])`,
        [orderIds, milestones],
      )
    ).rows;
  await waitFor(async () => {
    const rows = await query();
    const done = new Set(
      rows
        .filter((row) => !['claimed', 'attempt_failed', 'attempt_unknown'].includes(row.status))
        .map((row) => `${row.orderId} ${row.milestone}`),
    );
    return announced.every((push) => done.has(`${push.orderId} ${push.milestone}`));
  }, 600_000);
  const pushedAt = new Map(announced.map((push) => [`${push.orderId} ${push.milestone}`, push.at]));
  return (await query())
    .filter((row) => row.sentAt)
    .map((row) => row.sentAt!.getTime() - pushedAt.get(`${row.orderId} ${row.milestone}`)!);
}
