import { orderSubmissionSchema } from '../../domain/order';
import { fieldProblemsFrom } from '../../validation/field-problems';
import { Rejection } from '../outcome';
import type { ValidSubmission } from '../profiles/apply-profile';
import type { OrderDraft } from '../types';
import type { ChannelHandler } from './channel-handler';
import { peekText } from './common';
import { restImpactHints } from './rest';

/** The body is read as JSON, or named as `(body)` with why it is not. */
function readJson(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8')) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Rejection('parsing', [{ field: '(body)', message: `not valid JSON: ${reason}` }]);
  }
}

/** A canonical submission as the draft every channel's order becomes, its totals as the ones to check. */
function draftOf(submission: ValidSubmission): OrderDraft {
  const { totals, ...order } = submission;
  return { ...order, ...(totals ? { reported: totals } : {}) };
}

/**
 * The `web` channel: `POST /orders` with the canonical order as JSON, held to the canonical schema
 * field by field, then to its validation profile like any channel's order.
 */
export const webChannel: ChannelHandler = {
  via: 'web',
  replayHeaders: [],
  async open(delivery) {
    const payload = readJson(delivery.rawBody);
    return {
      accountId: peekText(payload, 'accountId') ?? delivery.replay?.accountId ?? '',
      payload,
      hints: restImpactHints(payload),
    };
  },
  async interpret(opened) {
    const parsed = orderSubmissionSchema.safeParse(opened.payload);
    if (!parsed.success) throw new Rejection('validation', fieldProblemsFrom(parsed.error));
    return { kind: 'order', draft: draftOf(parsed.data) };
  },
};
