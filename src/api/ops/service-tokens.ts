import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { OPERATOR_SCOPES } from '../../security/scopes';
import {
  DEFAULT_SERVICE_TOKEN_DAYS,
  issueServiceToken,
  listServiceTokens,
  MAX_SERVICE_TOKEN_DAYS,
  revokeServiceToken,
} from '../../security/service-tokens';
import { parseBody } from '../parse-body';

export const serviceTokenRequest = z.object({
  name: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, dots, dashes or underscores'),
  scopes: z
    .array(z.enum(OPERATOR_SCOPES, { message: `must be one of ${OPERATOR_SCOPES.join(', ')}` }))
    .min(1, 'must name at least one scope')
    .max(OPERATOR_SCOPES.length),
  expiresInDays: z
    .number()
    .int('must be a whole number of days')
    .min(1, 'must be at least 1')
    .max(MAX_SERVICE_TOKEN_DAYS, `must be at most ${MAX_SERVICE_TOKEN_DAYS}`)
    .default(DEFAULT_SERVICE_TOKEN_DAYS),
});

/** GET/POST /ops/service-tokens, DELETE …/:tokenId: machines' operator tokens, each shown once. */
export function serviceTokenRoutes({ db }: { db: Database }): Router {
  const router = Router();
  router.get('/service-tokens', async (_req, res) => {
    res.json({ tokens: await listServiceTokens(db) });
  });
  router.post('/service-tokens', async (req, res) => {
    const { name, scopes, expiresInDays } = parseBody(req, serviceTokenRequest);
    const unique = [...new Set(scopes)];
    const issued = await issueServiceToken(db, name, unique, expiresInDays);
    res.status(201).json({ name, scopes: unique, ...issued });
  });
  router.delete('/service-tokens/:tokenId', async (req, res) => {
    await revokeServiceToken(db, req.params.tokenId);
    res.status(204).end();
  });
  return router;
}
