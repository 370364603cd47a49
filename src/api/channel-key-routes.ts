import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database';
import { issueChannelApiKey, revokeChannelApiKey } from '../intake/api-keys';
import { parseBody } from './parse-body';

const issueSchema = z.object({
  accountId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,128}$/, 'must be 1-128 letters, digits, dots, dashes or underscores'),
});

/** API keys for custom REST channels (POST /intake/rest/:accountId). The key is shown once. */
export function channelKeyRoutes({ db }: { db: Database }): Router {
  const router = Router();
  router.post('/ops/intake/channel-keys', async (req, res) => {
    const { accountId } = parseBody(req, issueSchema);
    res.status(201).json({ accountId, ...(await issueChannelApiKey(db, accountId)) });
  });
  router.delete('/ops/intake/channel-keys/:keyId', async (req, res) => {
    await revokeChannelApiKey(db, req.params.keyId);
    res.status(204).end();
  });
  return router;
}
