import express, { Router, type Response } from 'express';
import type { IntakeFlow } from '../intake/http/intake-router';
import { sendOutcome } from '../intake/http/respond';
import type { IntakeOutcome } from '../intake/outcome';
import { orderWorkflowId } from '../workflows/order/contract';
import { principalOf } from '../security/principal';
import { bindToChannelKey } from './channel-key-binding';
import { HttpError } from './http-errors';

export interface OrderSubmissionDeps {
  /** The intake's admission: `POST /orders` is the `web` sales channel. */
  intake: IntakeFlow;
  bodyLimit?: string;
}

type Rejected = Extract<IntakeOutcome, { kind: 'rejected' }>;

/** A rejected submission as 400, naming every bad field and the dead letter it was kept as. */
function rejectedSubmission(outcome: Rejected): HttpError {
  const kept =
    outcome.deadLetterId === undefined
      ? 'It was not kept for review: the dead-letter quota of this account is reached.'
      : `It was kept for review as dead letter ${outcome.deadLetterId}.`;
  const detail =
    outcome.stage === 'parsing'
      ? `The body is ${outcome.problems[0]?.message ?? 'not valid JSON'}. ${kept}`
      : `The order is not valid. ${kept}`;
  const code = outcome.stage === 'parsing' ? 'malformed_json' : 'validation_failed';
  return new HttpError(400, code, detail, { errors: outcome.problems, deadLetterId: outcome.deadLetterId });
}

function sendSubmissionOutcome(res: Response, outcome: IntakeOutcome): void {
  if (outcome.kind === 'rejected') throw rejectedSubmission(outcome);
  if (outcome.kind !== 'started' && outcome.kind !== 'duplicate') return sendOutcome(res, outcome);
  const orderId = outcome.orderId ?? '';
  const created = outcome.kind === 'started';
  res
    .status(created ? 201 : 200)
    .location(`/orders/${encodeURIComponent(orderId)}`)
    .json({
      orderId,
      workflowId: orderWorkflowId(orderId),
      created,
      outcome: created ? 'created' : 'duplicate',
    });
}

/**
 * POST /orders: a canonical order from the `web` channel, admitted like any channel's delivery. The
 * raw body is read here, so that a submission that is not JSON or not valid is kept as it came (a
 * dead letter ops can fix and replay) and the caller is told which fields are wrong and why.
 */
export function orderSubmissionRoute({ intake, bodyLimit }: OrderSubmissionDeps): Router {
  const router = Router();
  const rawBody = express.raw({ type: () => true, limit: bodyLimit ?? '256kb' });

  router.post('/orders', intake.rateLimit('web'), rawBody, async (req, res) => {
    if (!req.is('application/json')) {
      throw new HttpError(415, 'unsupported_media_type', 'Send the order as application/json.');
    }
    const caller = principalOf(req);
    if (caller?.kind !== 'channel') {
      throw new HttpError(401, 'unauthenticated', "Send the channel account's API key as a bearer token.");
    }
    const received = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const outcome = await intake.process({
      channel: 'web',
      rawBody: bindToChannelKey(received, caller.accountId),
      headers: { 'content-type': 'application/json' },
    });
    sendSubmissionOutcome(res, outcome);
  });
  return router;
}
