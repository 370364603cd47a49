import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { sendProblem } from '../api/problem';
import type { Database } from '../db/database';
import type { InboxFeed } from '../notifications/inbox/feed';
import { createLiveStreams, type LiveStreams } from '../runtime/live-streams';
import type { CustomerLinkKeys } from '../security/customer-link-keys';
import { orderLinkGranted, sendUnknownOrder } from '../security/customer-link-request';
import { streamOrderStatus } from './event-stream';
import { loadCustomerView } from './load-view';
import { createOrderWatch } from './order-watch';
import { renderNotFoundPage, renderStatusPage } from './render-page';

export interface StatusPageDeps {
  db: Database;
  inboxFeed: InboxFeed;
  brandName: string;
  /** How often a watched order's read model is checked for changes. */
  pollIntervalMs?: number;
  heartbeatMs?: number;
  /** Keys the order links are checked with; by default from the environment. */
  links?: CustomerLinkKeys;
  /** Caps on open event streams, shared with the inbox streams. */
  streams?: LiveStreams;
}

export const orderIdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(300, 'must be at most 300 characters');

const PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function asset(file: string, type: string) {
  const body = readFileSync(path.join(__dirname, 'assets', file), 'utf8');
  return (_req: unknown, res: Response) => {
    res.set({ 'Content-Type': type, 'Cache-Control': 'public, max-age=300' }).send(body);
  };
}

function sendHtml(res: Response, status: number, body: string) {
  res
    .status(status)
    .set({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': PAGE_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    })
    .send(body);
}

function badOrderId(res: Response, message: string) {
  sendProblem(res, 400, 'invalid_request', 'The order ID is not valid.', {
    errors: [{ field: 'orderId', message }],
  });
}

/**
 * The customers' live order status page: GET /track/:orderId (HTML), GET /track/:orderId/status.json
 * and GET /track/:orderId/events (server-sent events of the same view whenever the order changes).
 * Each needs the order's link token (`?t=` or a bearer token); without one the order is unknown.
 */
export function statusPageRoutes(deps: StatusPageDeps): Router {
  const router = Router();
  const watch = createOrderWatch({
    db: deps.db,
    inboxFeed: deps.inboxFeed,
    pollIntervalMs: deps.pollIntervalMs,
  });
  const heartbeatMs = deps.heartbeatMs ?? 15_000;
  const streams = deps.streams ?? createLiveStreams();
  const viewFor = async (req: Request, orderId: string) =>
    orderLinkGranted(req, orderId, deps.links) ? loadCustomerView(deps.db, orderId) : undefined;

  router.get('/track/assets/status-page.css', asset('status-page.css', 'text/css; charset=utf-8'));
  router.get('/track/assets/status-page.js', asset('status-page.js', 'text/javascript; charset=utf-8'));

  router.get('/track/:orderId', async (req, res) => {
    const orderId = orderIdSchema.safeParse(req.params.orderId);
    const view = orderId.success ? await viewFor(req, orderId.data) : undefined;
    if (!view) return sendHtml(res, 404, renderNotFoundPage(deps.brandName));
    sendHtml(res, 200, renderStatusPage(view, deps.brandName));
  });

  router.get('/track/:orderId/status.json', async (req, res) => {
    const orderId = orderIdSchema.safeParse(req.params.orderId);
    if (!orderId.success) return badOrderId(res, orderId.error.issues[0]!.message);
    const view = await viewFor(req, orderId.data);
    if (!view) return sendUnknownOrder(res);
    res.set('Cache-Control', 'no-store').json(view);
  });

  router.get('/track/:orderId/events', async (req, res) => {
    const orderId = orderIdSchema.safeParse(req.params.orderId);
    if (!orderId.success) return badOrderId(res, orderId.error.issues[0]!.message);
    const view = await viewFor(req, orderId.data);
    if (!view) return sendUnknownOrder(res);
    if (!streams.admit(`order:${orderId.data}`, res)) return;
    streamOrderStatus(watch, view, req, res, heartbeatMs);
  });

  return router;
}
