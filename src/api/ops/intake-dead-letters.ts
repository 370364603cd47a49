import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { replayDeadLetter } from '../../intake/dead-letters/replay';
import {
  auditDeadLetter,
  auditTrail,
  getDeadLetter,
  listDeadLetters,
  replaceDeadLetterBody,
  resolveDeadLetter,
} from '../../intake/dead-letters/store';
import type { IntakeFlow } from '../../intake/http/intake-router';
import { outcomeStatus, sendAnswer } from '../../intake/http/respond';
import { fieldProblemsFrom, type FieldProblem } from '../../validation/field-problems';
import { sendProblem } from '../problem';
import { isAdmin, type OpsPrincipal, type PrincipalOf } from './ops-principal';

export interface IntakeOpsOptions {
  flow: IntakeFlow;
  /** Who is acting and with which scopes: the operator the access gate admitted (src/api/ops/index.ts). */
  principalOf: PrincipalOf;
}

export const listQuery = z.object({
  status: z.enum(['open', 'replayed', 'discarded']).default('open'),
  channel: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export const correction = z.union([
  z.object({
    payload: z.unknown().refine((v) => v !== undefined, 'is required'),
    reason: z.string().max(2000).optional(),
  }),
  z.object({ rawBody: z.string().min(1), reason: z.string().max(2000).optional() }),
]);
export const replayBody = z
  .object({
    acceptUnverified: z.boolean().default(false),
    reason: z.string().trim().max(2000).optional(),
  })
  .refine((body) => !body.acceptUnverified || (body.reason ?? '').length >= 3, {
    path: ['reason'],
    message: 'is required (at least 3 characters) to accept a letter unverified',
  });
export const discardBody = z.object({
  reason: z.string().trim().min(3, 'must say why the payload is discarded').max(2000),
});

export function sendInvalid(res: Response, detail: string, errors: FieldProblem[]): void {
  sendProblem(res, 400, 'validation_failed', detail, { errors });
}

function sendDeadLetterMissing(res: Response, id: number): void {
  sendProblem(res, 404, 'not_found', `No dead letter ${id}.`);
}

function sendDeadLetterClosed(res: Response, id: number, status: string): void {
  sendProblem(res, 409, 'not_open', `Dead letter ${id} is ${status}, not open.`);
}

function bodyText(raw: Buffer): { body: string; encoding: 'utf8' | 'base64' } {
  const text = raw.toString('utf8');
  return Buffer.from(text, 'utf8').equals(raw)
    ? { body: text, encoding: 'utf8' }
    : { body: raw.toString('base64'), encoding: 'base64' };
}

/** GET/PATCH /ops/intake/dead-letters…: list by priority, inspect, correct, replay, discard; all audited. */
export function intakeDeadLetterRoutes(options: IntakeOpsOptions): Router {
  const { flow } = options;
  const db = flow.deps.db;
  const { principalOf } = options;
  const router = express.Router();

  const withPrincipal =
    (handler: (req: Request, res: Response, principal: OpsPrincipal, id: number) => Promise<void>) =>
    async (req: Request, res: Response): Promise<void> => {
      const principal = principalOf(req);
      if (!principal) {
        sendInvalid(res, 'Actions are audited.', [
          { field: 'header:authorization', message: 'must name an operator' },
        ]);
        return;
      }
      const id = Number(req.params.id);
      if (!Number.isSafeInteger(id) || id <= 0) {
        sendInvalid(res, 'Bad dead letter id.', [
          { field: 'path.id', message: 'must be a positive integer' },
        ]);
        return;
      }
      await handler(req, res, principal, id);
    };
  const withActor = (handler: (req: Request, res: Response, actor: string, id: number) => Promise<void>) =>
    withPrincipal((req, res, principal, id) => handler(req, res, principal.actor, id));

  router.get('/dead-letters', async (req, res) => {
    const query = listQuery.safeParse(req.query);
    if (!query.success) {
      sendInvalid(res, 'Bad query.', fieldProblemsFrom(query.error));
      return;
    }
    res.json({ deadLetters: await listDeadLetters(db, query.data) });
  });

  router.get(
    '/dead-letters/:id',
    withActor(async (_req, res, actor, id) => {
      const letter = await getDeadLetter(db, id);
      if (!letter) {
        sendDeadLetterMissing(res, id);
        return;
      }
      await auditDeadLetter(db, id, 'inspect', actor, null);
      const { rawBody, ...rest } = letter;
      res.json({ deadLetter: { ...rest, ...bodyText(rawBody), audit: await auditTrail(db, id) } });
    }),
  );

  router.patch(
    '/dead-letters/:id',
    withActor(async (req, res, actor, id) => {
      const parsed = correction.safeParse(req.body ?? {});
      if (!parsed.success) {
        sendInvalid(res, 'Give the corrected payload or rawBody.', fieldProblemsFrom(parsed.error));
        return;
      }
      const letter = await getDeadLetter(db, id);
      if (!letter || letter.status !== 'open') {
        if (letter) sendDeadLetterClosed(res, id, letter.status);
        else sendDeadLetterMissing(res, id);
        return;
      }
      const next = 'payload' in parsed.data ? JSON.stringify(parsed.data.payload) : parsed.data.rawBody;
      await replaceDeadLetterBody(db, id, Buffer.from(next, 'utf8'));
      await auditDeadLetter(db, id, 'correct', actor, parsed.data.reason ?? null, {
        previousBody: bodyText(letter.rawBody).body.slice(0, 20_000),
      });
      res.json({ id, corrected: true });
    }),
  );

  router.post(
    '/dead-letters/:id/replay',
    withPrincipal(async (req, res, principal, id) => {
      const parsed = replayBody.safeParse(req.body ?? {});
      if (!parsed.success) {
        sendInvalid(res, 'Bad replay request.', fieldProblemsFrom(parsed.error));
        return;
      }
      if (parsed.data.acceptUnverified && !isAdmin(principal)) {
        sendProblem(res, 403, 'forbidden', 'Only an admin may accept a letter unverified.', {
          errors: [{ field: 'acceptUnverified', message: 'needs the admin scope' }],
        });
        return;
      }
      const result = await replayDeadLetter(flow, id, principal.actor, parsed.data);
      if (!result.found) {
        sendDeadLetterMissing(res, id);
        return;
      }
      if (result.alreadyResolved) {
        sendDeadLetterClosed(res, id, result.status);
        return;
      }
      if ('truncated' in result) {
        sendProblem(
          res,
          409,
          'body_truncated',
          `Dead letter ${id} kept only part of its body; correct it first.`,
        );
        return;
      }
      const { status, body } = outcomeStatus(result.outcome);
      sendAnswer(res, result.resolved ? 200 : status, {
        ...body,
        id,
        resolved: result.resolved,
        outcome: result.outcome.kind,
      });
    }),
  );

  router.post(
    '/dead-letters/:id/discard',
    withActor(async (req, res, actor, id) => {
      const parsed = discardBody.safeParse(req.body ?? {});
      if (!parsed.success) {
        sendInvalid(res, 'A discard needs a reason.', fieldProblemsFrom(parsed.error));
        return;
      }
      const done = await resolveDeadLetter(db, id, 'discarded', parsed.data.reason);
      if (!done) {
        const letter = await getDeadLetter(db, id);
        if (letter) sendDeadLetterClosed(res, id, letter.status);
        else sendDeadLetterMissing(res, id);
        return;
      }
      await auditDeadLetter(db, id, 'discard', actor, parsed.data.reason);
      res.json({ id, discarded: true });
    }),
  );

  return router;
}
