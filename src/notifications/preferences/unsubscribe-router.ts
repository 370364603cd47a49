import express, { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/database';
import type { CustomerLinkKeys } from '../../security/customer-link-keys';
import { customerLinkScope, sendUnknownCustomer } from '../../security/customer-link-request';
import { MESSAGE_CHANNELS } from '../message-channels';
import type { NotificationConfig } from '../config';
import { parseOr400 } from '../http/validation';
import { customerKeysOfId, optOut } from './store';
import { isValidUnsubscribeSignature } from './unsubscribe-link';

export const linkSchema = z.object({
  customer: z.string().min(1, 'must name the customer'),
  channel: z.enum(MESSAGE_CHANNELS),
  t: z.string().min(1).optional(),
  /** Links sent before customer links: NOTIFY_UNSUBSCRIBE_SECRET's signature. */
  signature: z.string().min(1).optional(),
});

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * Unsubscribe links from emails, opened by the customer's link token (`t`) or, for links sent
 * before those, the old signature; a bad link is answered like an unknown customer. GET shows a confirmation page (mail scanners prefetch
 * links, so GET changes nothing); POST unsubscribes, which is also the RFC 8058 one-click target
 * of the List-Unsubscribe-Post header. A customer link unsubscribes its own channel account's
 * customer; an old signature names no account, so it unsubscribes the customer ID in every account
 * that has an order or a message for it (an opt-out is never lost).
 */
export function createUnsubscribeRouter(deps: {
  db: Database;
  config: Pick<NotificationConfig, 'unsubscribeSecret' | 'brand'>;
  links?: CustomerLinkKeys;
}): Router {
  const router = Router();
  const path = '/notifications/unsubscribe';

  const verified = (req: express.Request, res: express.Response) => {
    const link = parseOr400(linkSchema, req.query, res);
    if (!link) return undefined;
    if (link.signature) {
      const { unsubscribeSecret } = deps.config;
      if (isValidUnsubscribeSignature(unsubscribeSecret, link.customer, link.channel, link.signature))
        return { link };
    } else {
      const scope = customerLinkScope(req, link.customer, deps.links);
      if (scope) return { link, scope };
    }
    sendUnknownCustomer(res);
    return undefined;
  };

  router.get(path, (req, res) => {
    const link = verified(req, res)?.link;
    if (!link) return;
    const action = `${path}?${new URLSearchParams(req.query as Record<string, string>).toString()}`;
    res
      .type('html')
      .send(
        `<!doctype html><meta charset="utf-8"><title>${escapeHtml(deps.config.brand.name)}</title>` +
          `<form method="post" action="${escapeHtml(action)}"><p>Stop ${escapeHtml(link.channel)} updates about your orders?</p>` +
          `<button type="submit">Unsubscribe</button></form>`,
      );
  });

  router.post(path, express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    const granted = verified(req, res);
    if (!granted) return;
    const { link, scope } = granted;
    for (const customer of scope ? [scope] : await customerKeysOfId(deps.db, link.customer))
      await optOut(deps.db, customer, link.channel);
    if (req.accepts(['html', 'json']) === 'json')
      res.json({ unsubscribed: link.channel, customerId: link.customer });
    else
      res
        .type('html')
        .send(
          `<!doctype html><meta charset="utf-8"><p>You will no longer receive ${escapeHtml(link.channel)} updates.</p>`,
        );
  });

  return router;
}
