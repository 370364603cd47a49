import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../../src/db/database';
import { registerPushToken, updatePreferences } from '../../src/notifications/preferences/store';
import { shopifyOrderWebhook } from '../../src/simulators/channels/webhooks';
import type { SignedPush } from '../carrier-webhooks/signed-push';
import { journeyPushes, PUSH_CHANNELS } from './carrier-pushes';
import { awaitStatus, persistently, trackingNumberOf } from './read-model';
import { sendUntilAccepted } from './resend';

export const CHAOS_SHOP = { account: 'chaos-shop', webhookSecret: 'chaos-shopify-secret' };
/** The SKUs of the Shopify fixture the orders are made from; the run stocks them. */
export const CHAOS_SKUS = ['TR2-42-SLT', 'MS-M'];

const SHOPIFY_ORDER = JSON.parse(
  readFileSync(
    path.join(__dirname, '..', '..', 'test', 'fixtures', 'channels', 'shopify-orders-create.json'),
    'utf8',
  ),
) as Record<string, unknown> & { customer: Record<string, unknown> };

export interface DrivenOrder {
  orderId: string;
  /** The read-model status the order must end in. */
  expected: 'delivered' | 'reserved';
  /** Its warehouse and carrier events arrived duplicated and out of order. */
  stormed: boolean;
}

export interface OrderContext {
  db: Database;
  apiUrl: string;
  /** Bearer token of the warehouse system, an operator of the service. */
  opsToken: string;
}

/** Order `n`'s customer opts in to every channel (no quiet hours) and has a phone for push. */
async function prepareCustomer(db: Database, n: number): Promise<string> {
  const customerId = String(8_000_000 + n);
  const customer = { channel: 'shopify', accountId: CHAOS_SHOP.account, customerId };
  await persistently(async () => {
    await updatePreferences(db, customer, {
      channels: ['email', 'sms', 'push', 'in_app'],
      quietHours: null,
    });
    await registerPushToken(db, customer, { token: `chaos-token-${n}`, platform: 'android' });
  });
  return customerId;
}

/** Places order `n` as Shopify does: a signed orders/create webhook, sent again until accepted. */
export async function placeOrder(context: OrderContext, n: number): Promise<string> {
  const customerId = await prepareCustomer(context.db, n);
  const email = `chaos-${n}@example.com`;
  const phone = `+1555${String(n).padStart(7, '0')}`;
  const order = {
    ...SHOPIFY_ORDER,
    id: 7_000_000 + n,
    email,
    phone,
    customer: { ...SHOPIFY_ORDER.customer, id: Number(customerId), email, phone },
  };
  const delivery = shopifyOrderWebhook(order, CHAOS_SHOP.webhookSecret, { webhookId: `chaos-order-${n}` });
  const url = `${context.apiUrl}/intake/shopify/${CHAOS_SHOP.account}`;
  const sent = await sendUntilAccepted(url, { headers: delivery.headers, body: delivery.body });
  const orderId = sent.body.orderId;
  if (typeof orderId !== 'string')
    throw new Error(`order ${n} refused: ${sent.status} ${JSON.stringify(sent.body)}`);
  return orderId;
}

const copies = <T>(items: T[], times: number) => items.flatMap((item) => Array<T>(times).fill(item));
const shuffled = <T>(items: T[]) =>
  items
    .map((item) => ({ item, key: Math.random() }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item);

async function postEvent(context: OrderContext, orderId: string, event: Record<string, string>) {
  const url = `${context.apiUrl}/orders/${encodeURIComponent(orderId)}/events`;
  const sent = await sendUntilAccepted(url, {
    headers: { 'content-type': 'application/json', authorization: `Bearer ${context.opsToken}` },
    body: JSON.stringify(event),
  });
  if (sent.status !== 200)
    throw new Error(`${orderId} ${event.type}: ${sent.status} ${JSON.stringify(sent.body)}`);
}

/** Picked, packed, shipped; in a storm each event is sent three times at once. */
async function shipOrder(context: OrderContext, orderId: string, stormed: boolean): Promise<void> {
  const events: Record<string, string>[] = [
    { eventId: 'picked-1', type: 'picked' },
    { eventId: 'packed-1', type: 'packed' },
    { eventId: 'shipped-1', type: 'shipped', carrier: 'fedex', service: 'ground' },
  ];
  for (const event of events) {
    await Promise.all(copies([event], stormed ? 3 : 1).map((copy) => postEvent(context, orderId, copy)));
  }
}

async function push(context: OrderContext, signed: SignedPush): Promise<void> {
  const sent = await sendUntilAccepted(`${context.apiUrl}${signed.path}`, {
    headers: signed.headers,
    body: signed.raw,
  });
  if (sent.status >= 300) throw new Error(`${signed.path}: ${sent.status} ${JSON.stringify(sent.body)}`);
}

/** The carrier's scans; in a storm every push three times, all at once, in random order. */
async function carryOrder(
  context: OrderContext,
  orderId: string,
  n: number,
  stormed: boolean,
): Promise<void> {
  const trackingNumber = await trackingNumberOf(context.db, orderId);
  const pushes = journeyPushes(trackingNumber, PUSH_CHANNELS[n % PUSH_CHANNELS.length]!);
  if (stormed) await Promise.all(shuffled(copies(pushes, 3)).map((signed) => push(context, signed)));
  else for (const signed of pushes) await push(context, signed);
}

/** One order from the channel's webhook to delivered, through the warehouse and the carrier. */
export async function driveOrder(context: OrderContext, n: number, stormed: boolean): Promise<DrivenOrder> {
  const orderId = await placeOrder(context, n);
  await awaitStatus(context.db, orderId, ['reserved']);
  await shipOrder(context, orderId, stormed);
  await carryOrder(context, orderId, n, stormed);
  await awaitStatus(context.db, orderId, ['delivered']);
  return { orderId, expected: 'delivered', stormed };
}
