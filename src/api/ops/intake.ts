import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { SALES_CHANNELS } from '../../domain/order';
import { issueChannelApiKey, revokeChannelApiKey } from '../../intake/api-keys';
import { listNotForFulfillment } from '../../intake/not-for-fulfillment';
import { profileOverrideSchema } from '../../intake/profiles/profile';
import { listSourceHealth } from '../../intake/source-health';
import { fieldProblemsFrom } from '../../validation/field-problems';
import { asHttpError, sendHttpError } from '../http-errors';
import { parseBody } from '../parse-body';
import { sendProblem } from '../problem';
import { intakeDeadLetterRoutes, sendInvalid, type IntakeOpsOptions } from './intake-dead-letters';

export const channelKeyRequest = z.object({
  accountId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,128}$/, 'must be 1-128 letters, digits, dots, dashes or underscores'),
});
export const notForFulfillmentQuery = z.object({
  channel: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export const channelParam = z.enum(SALES_CHANNELS);
const NOT_A_CHANNEL = { field: 'path.channel', message: 'is not a sales channel' };

/** POST /ops/intake/channel-keys, DELETE …/:keyId: API keys of REST channels, each shown once. */
function channelKeyRoutes(router: Router, { flow }: IntakeOpsOptions): void {
  router.post('/channel-keys', async (req, res) => {
    const { accountId } = parseBody(req, channelKeyRequest);
    res.status(201).json({ accountId, ...(await issueChannelApiKey(flow.deps.db, accountId)) });
  });
  router.delete('/channel-keys/:keyId', async (req, res) => {
    await revokeChannelApiKey(flow.deps.db, req.params.keyId);
    res.status(204).end();
  });
}

/** GET/PUT /ops/intake/profiles/:channel/:accountId: a channel account's validation profile. */
function profileRoutes(router: Router, { flow }: IntakeOpsOptions): void {
  const profiles = flow.deps.profiles;
  router.get('/profiles/:channel/:accountId', async (req, res) => {
    const channel = channelParam.safeParse(req.params.channel);
    if (!channel.success) return sendInvalid(res, 'Unknown channel.', [NOT_A_CHANNEL]);
    res.json({ profile: await profiles.profileFor(channel.data, String(req.params.accountId)) });
  });
  router.put('/profiles/:channel/:accountId', async (req, res) => {
    const channel = channelParam.safeParse(req.params.channel);
    const override = profileOverrideSchema.safeParse(req.body ?? {});
    if (!channel.success) return sendInvalid(res, 'Bad profile override.', [NOT_A_CHANNEL]);
    if (!override.success)
      return sendInvalid(res, 'Bad profile override.', fieldProblemsFrom(override.error));
    const accountId = String(req.params.accountId);
    res.json({ profile: await profiles.setOverride(channel.data, accountId, override.data) });
  });
}

/** GET /ops/intake/source-health and /not-for-fulfillment: each channel's state, orders shipped by others. */
function channelStateRoutes(router: Router, { flow }: IntakeOpsOptions): void {
  router.get('/source-health', async (_req, res) => {
    res.json({ sources: await listSourceHealth(flow.deps.db) });
  });
  router.get('/not-for-fulfillment', async (req, res) => {
    const query = notForFulfillmentQuery.safeParse(req.query);
    if (!query.success) {
      sendProblem(res, 400, 'validation_failed', 'Bad query.', {
        errors: fieldProblemsFrom(query.error, { prefix: 'query.', whole: 'query' }),
      });
      return;
    }
    res.json({ orders: await listNotForFulfillment(flow.deps.db, query.data) });
  });
}

/** Everything ops do with the intake, mounted at /ops/intake. */
export function intakeOpsRoutes(options: IntakeOpsOptions): Router {
  const router = express.Router();
  router.use(express.json({ limit: '2mb' }));
  router.use(intakeDeadLetterRoutes(options));
  channelKeyRoutes(router, options);
  profileRoutes(router, options);
  channelStateRoutes(router, options);
  router.use((error: unknown, _req: Request, res: Response, next: (error: unknown) => void) => {
    if (res.headersSent) return next(error);
    const known = asHttpError(error);
    if (known) sendHttpError(res, known);
    else sendProblem(res, 503, 'temporarily_unavailable', 'The intake store is unavailable.');
  });
  return router;
}

export type { IntakeOpsOptions };
