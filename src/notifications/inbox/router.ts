import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { sendProblem } from '../../api/problem';
import type { Database } from '../../db/database';
import { createLiveStreams, type LiveStreams } from '../../runtime/live-streams';
import type { CustomerLinkKeys } from '../../security/customer-link-keys';
import {
  customerLinkScope,
  orderLinkGranted,
  orderPrefixOf,
  sendUnknownCustomer,
  sendUnknownOrder,
} from '../../security/customer-link-request';
import { parseOr400 } from '../http/validation';
import type { InboxFeed } from './feed';
import { listInbox, markInboxRead, type InboxFilter, type InboxItem } from './store';

export const idSchema = z.string().trim().min(1, 'must not be empty').max(256);
export const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export const inboxItemIdSchema = z.coerce.number().int().positive('must be an inbox item id');
const HEARTBEAT_MS = 15_000;

function writeItem(res: Response, item: InboxItem) {
  res.write(`id: ${item.id}\nevent: notification\ndata: ${JSON.stringify(item)}\n\n`);
}

/**
 * Opens a server-sent-events stream of inbox items matching the filter. A reconnecting client
 * sends Last-Event-ID and first gets what it missed from the table.
 */
async function streamInbox(db: Database, feed: InboxFeed, filter: InboxFilter, req: Request, res: Response) {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 3000\n\n');
  let lastSent = Number(req.header('last-event-id') ?? 0) || 0;
  const buffered: InboxItem[] = [];
  let replaying = true;
  const matches = (item: InboxItem) =>
    (!filter.customerId || item.customerId === filter.customerId) &&
    (!filter.orderId || item.orderId === filter.orderId) &&
    (!filter.orderPrefix || item.orderId.startsWith(filter.orderPrefix));
  const send = (item: InboxItem) => {
    if (item.id <= lastSent) return;
    lastSent = item.id;
    writeItem(res, item);
  };
  const unsubscribe = feed.subscribe((item) => {
    if (!matches(item)) return;
    if (replaying) buffered.push(item);
    else send(item);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  res.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
  if (lastSent > 0) {
    for (const item of await listInbox(db, filter, { afterId: lastSent, limit: 200 })) send(item);
  }
  replaying = false;
  for (const item of buffered.sort((a, b) => a.id - b.id)) send(item);
}

export interface InboxRouterDeps {
  db: Database;
  feed: InboxFeed;
  /** Keys the customer and order links are checked with; by default from the environment. */
  links?: CustomerLinkKeys;
  /** Caps on open streams, shared with the status page's. */
  streams?: LiveStreams;
}

/**
 * In-app inbox: GET /notifications/customers/:customerId/inbox, POST .../inbox/:id/read, and the
 * live streams GET /notifications/customers/:customerId/inbox/stream and
 * GET /notifications/orders/:orderId/inbox/stream (text/event-stream). A customer link shows the
 * customer's messages about orders of its channel account only; the order stream needs the order's link.
 */
export function createInboxRouter(deps: InboxRouterDeps): Router {
  const router = Router();
  const streams = deps.streams ?? createLiveStreams();
  const scopeOf = (req: Request, res: Response, customerId: string) => {
    const scope = customerLinkScope(req, customerId, deps.links);
    if (!scope) sendUnknownCustomer(res);
    return scope;
  };

  router.get('/notifications/customers/:customerId/inbox', async (req, res) => {
    const customerId = parseOr400(idSchema, req.params.customerId, res);
    const query = customerId === undefined ? undefined : parseOr400(listQuery, req.query, res);
    if (customerId === undefined || !query) return;
    const scope = scopeOf(req, res, customerId);
    if (!scope) return;
    const filter = { customerId, orderPrefix: orderPrefixOf(scope) };
    res.json({ items: await listInbox(deps.db, filter, { limit: query.limit }) });
  });

  router.post('/notifications/customers/:customerId/inbox/:id/read', async (req, res) => {
    const id = parseOr400(inboxItemIdSchema, req.params.id, res);
    if (id === undefined) return;
    const scope = scopeOf(req, res, req.params.customerId);
    if (!scope) return;
    const found = await markInboxRead(deps.db, scope.customerId, id, orderPrefixOf(scope));
    if (found) res.status(204).end();
    else sendProblem(res, 404, 'not_found', `No inbox item ${id} of this customer.`);
  });

  router.get('/notifications/customers/:customerId/inbox/stream', async (req, res) => {
    const customerId = parseOr400(idSchema, req.params.customerId, res);
    if (customerId === undefined) return;
    const scope = scopeOf(req, res, customerId);
    if (!scope) return;
    const orderPrefix = orderPrefixOf(scope);
    if (!streams.admit(`customer:${orderPrefix}${customerId}`, res)) return;
    await streamInbox(deps.db, deps.feed, { customerId, orderPrefix }, req, res);
  });

  router.get('/notifications/orders/:orderId/inbox/stream', async (req, res) => {
    const orderId = parseOr400(idSchema, req.params.orderId, res);
    if (orderId === undefined) return;
    if (!orderLinkGranted(req, orderId, deps.links)) return sendUnknownOrder(res);
    if (!streams.admit(`order:${orderId}`, res)) return;
    await streamInbox(deps.db, deps.feed, { orderId }, req, res);
  });

  return router;
}
