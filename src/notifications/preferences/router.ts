import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { sendProblem } from '../../api/problem';
import type { Database } from '../../db/database';
import type { CustomerLinkKeys } from '../../security/customer-link-keys';
import { customerLinkScope, sendUnknownCustomer } from '../../security/customer-link-request';
import type { CustomerKey } from '../customer-key';
import { MESSAGE_CHANNELS } from '../message-channels';
import { parseOr400 } from '../http/validation';
import { isValidClockTime } from './quiet-hours';
import { isKnownTimeZone } from '../../domain/time-zones';
import {
  getPreferences,
  listPushTokens,
  registerPushToken,
  removePushToken,
  updatePreferences,
} from './store';

export const customerIdSchema = z.string().trim().min(1, 'must not be empty').max(128);
const clock = z.string().refine(isValidClockTime, 'must be a time of day as HH:MM');

export const updateSchema = z
  .object({
    channels: z.array(z.enum(MESSAGE_CHANNELS)).max(MESSAGE_CHANNELS.length).optional(),
    locale: z
      .string()
      .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a locale such as en or de-DE')
      .nullable()
      .optional(),
    timeZone: z
      .string()
      .refine(isKnownTimeZone, 'must be an IANA time zone such as Europe/Berlin')
      .nullable()
      .optional(),
    quietHours: z.object({ start: clock, end: clock }).nullable().optional(),
  })
  .strict();

export const tokenSchema = z.object({
  token: z.string().min(10, 'must be an FCM registration token').max(4096),
  platform: z.enum(['android', 'ios', 'web']),
});

/**
 * Customer notification preferences and device tokens:
 * GET/PUT /notifications/customers/:customerId/preferences,
 * GET/POST /notifications/customers/:customerId/push-tokens, DELETE .../push-tokens/:token.
 * Each needs the customer's link token; without one the customer is unknown. What a link reads and
 * changes is its own channel account's customer: the same customer ID in another account is another
 * customer.
 */
export function createPreferencesRouter(deps: { db: Database; links?: CustomerLinkKeys }): Router {
  const router = Router();
  const json = express.json({ limit: '16kb' });
  const base = '/notifications/customers/:customerId';
  /** The customer the request's link grants (of the link's channel account); otherwise answered. */
  const customerOf = (req: Request, res: Response): CustomerKey | undefined => {
    const customerId = parseOr400(customerIdSchema, req.params.customerId, res);
    if (customerId === undefined) return undefined;
    const scope = customerLinkScope(req, customerId, deps.links);
    if (scope) return scope;
    sendUnknownCustomer(res);
    return undefined;
  };

  router.get(`${base}/preferences`, async (req, res) => {
    const customer = customerOf(req, res);
    if (customer === undefined) return;
    res.json(await getPreferences(deps.db, customer));
  });

  router.put(`${base}/preferences`, json, async (req, res) => {
    const customer = customerOf(req, res);
    const update = customer === undefined ? undefined : parseOr400(updateSchema, req.body ?? {}, res);
    if (customer === undefined || update === undefined) return;
    res.json(
      await updatePreferences(deps.db, customer, {
        ...update,
        channels: update.channels && [...new Set(update.channels)],
      }),
    );
  });

  router.get(`${base}/push-tokens`, async (req, res) => {
    const customer = customerOf(req, res);
    if (customer === undefined) return;
    res.json({ tokens: await listPushTokens(deps.db, customer) });
  });

  router.post(`${base}/push-tokens`, json, async (req, res) => {
    const customer = customerOf(req, res);
    const token = customer === undefined ? undefined : parseOr400(tokenSchema, req.body ?? {}, res);
    if (customer === undefined || token === undefined) return;
    await registerPushToken(deps.db, customer, token);
    res.status(201).json(token);
  });

  router.delete(`${base}/push-tokens/:token`, async (req, res) => {
    const customer = customerOf(req, res);
    if (customer === undefined) return;
    const removed = await removePushToken(deps.db, customer, req.params.token);
    if (removed) res.status(204).end();
    else sendProblem(res, 404, 'not_found', 'No such push token.');
  });

  return router;
}
