import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Router, type Response } from 'express';
import { z } from 'zod';
import { sendProblem } from '../api/problem';
import type { Database } from '../db/database';
import type { InboxFeed } from '../notifications/inbox/feed';
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

function orderNotFound(res: Response, orderId: string) {
  sendProblem(res, 404, 'order_not_found', `No order ${orderId} is known.`);
}

/**
 * The customers' live order status page: GET /track/:orderId (HTML), GET /track/:orderId/status.json
 * and GET /track/:orderId/events (server-sent events of the same view whenever the order changes).
 */
export function statusPageRoutes(deps: StatusPageDeps): Router {
  const router = Router();
  const watch = createOrderWatch({
    db: deps.db,
    inboxFeed: deps.inboxFeed,
    pollIntervalMs: deps.pollIntervalMs,
  });
  const heartbeatMs = deps.heartbeatMs ?? 15_000;

  router.get('/track/assets/status-page.css', asset('status-page.css', 'text/css; charset=utf-8'));
  router.get('/track/assets/status-page.js', asset('status-page.js', 'text/javascript; charset=utf-8'));

  router.get('/track/:orderId', async (req, res) => {
    const orderId = orderIdSchema.safeParse(req.params.orderId);
    const view = orderId.success ? await loadCustomerView(deps.db, orderId.data) : undefined;
    if (!view) return sendHtml(res, 404, renderNotFoundPage(deps.brandName));
    sendHtml(res, 200, renderStatusPage(view, deps.brandName));
  });

  router.get('/track/:orderId/status.json', async (req, res) => {
    const orderId = orderIdSchema.safeParse(req.params.orderId);
    if (!orderId.success) return badOrderId(res, orderId.error.issues[0]!.message);
    const view = await loadCustomerView(deps.db, orderId.data);
    if (!view) return orderNotFound(res, orderId.data);
    res.set('Cache-Control', 'no-store').json(view);
  });

  router.get('/track/:orderId/events', async (req, res) => {
    const orderId = orderIdSchema.safeParse(req.params.orderId);
    if (!orderId.success) return badOrderId(res, orderId.error.issues[0]!.message);
    const view = await loadCustomerView(deps.db, orderId.data);
    if (!view) return orderNotFound(res, orderId.data);
    streamOrderStatus(watch, view, req, res, heartbeatMs);
  });

  return router;
}
