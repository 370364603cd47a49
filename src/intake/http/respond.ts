import type { Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, problemDetails } from '../../api/problem';
import type { Headers } from '../channels/common';
import type { IntakeOutcome } from '../outcome';

export function headersOf(req: Request): Headers {
  const headers: Headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

export function rawBodyOf(req: Request): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}

export function outcomeStatus(outcome: IntakeOutcome): { status: number; body: Record<string, unknown> } {
  switch (outcome.kind) {
    case 'started':
      return { status: 201, body: { orderId: outcome.orderId, created: true, duplicate: false } };
    case 'duplicate':
      return { status: 202, body: { orderId: outcome.orderId, created: false, duplicate: true } };
    case 'stale':
      return {
        status: 202,
        body: { orderId: outcome.orderId, created: false, duplicate: true, stale: true },
      };
    case 'cancelled':
      return {
        status: 202,
        body: { orderId: outcome.orderId, cancelled: true, forwarded: outcome.forwarded },
      };
    case 'deferred':
    case 'ignored':
      return {
        status: 202,
        body: { orderId: outcome.orderId, [outcome.kind]: true, reason: outcome.reason },
      };
    case 'not_for_fulfillment':
      return {
        status: 202,
        body: {
          orderId: outcome.orderId,
          notForFulfillment: true,
          fulfilledBy: outcome.fulfilledBy,
          reason: outcome.reason,
        },
      };
    case 'rejected':
      return {
        status: outcome.status,
        body: problemDetails(outcome.status, `${outcome.stage}_failed`, outcome.error, {
          errors: outcome.problems,
          // A forged or unverifiable delivery learns nothing it could use (such as what to replay).
          ...(outcome.stage === 'verification' ? {} : { deadLetterId: outcome.deadLetterId }),
        }),
      };
    case 'retry':
      return {
        status: outcome.status,
        body: problemDetails(
          outcome.status,
          outcome.status === 429 ? 'rate_limited' : 'temporarily_unavailable',
          outcome.reason,
          { retryAfterSeconds: outcome.retryAfterSeconds },
        ),
      };
  }
}

export function sendOutcome(res: Response, outcome: IntakeOutcome): void {
  const { status, body } = outcomeStatus(outcome);
  if (outcome.kind === 'retry') res.setHeader('Retry-After', String(outcome.retryAfterSeconds));
  sendAnswer(res, status, body);
}

/** A JSON answer; an error status goes out as problem details (`application/problem+json`). */
export function sendAnswer(res: Response, status: number, body: Record<string, unknown>): void {
  if (status >= 400) res.type(PROBLEM_CONTENT_TYPE);
  res.status(status).json(body);
}
