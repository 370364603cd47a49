import type { NextFunction, Request, Response } from 'express';
import { problemDetails, sendProblem } from '../../api/problem';
import type { Queryable } from '../../db/database';
import type { SalesChannel } from '../../domain/order';
import type { IntakeConfig } from '../config';
import { STAGE_STATUS } from '../outcome';
import { TokenBuckets } from '../spikes/token-bucket';
import { accountExists, FORGED_DELIVERY_PROBLEM } from './known-accounts';
import { sendAnswer } from './respond';

const ACCOUNT_ID = /^[A-Za-z0-9._\-#]{1,128}$/;

export type ChannelRateLimit = (
  channel: SalesChannel,
) => (req: Request, res: Response, next: NextFunction) => Promise<void>;

function sendUnknownAccount(res: Response, channel: SalesChannel): void {
  const { status, error } = STAGE_STATUS.verification;
  const forged = FORGED_DELIVERY_PROBLEM[channel];
  sendAnswer(
    res,
    status,
    problemDetails(status, 'verification_failed', error, forged ? { errors: [forged] } : {}),
  );
}

/**
 * A token bucket per channel account (the route's `:accountId`, `*` for routes without one), checked
 * before the body is read. An account we do not have is answered like a forged delivery before any
 * bucket or row exists for it. `POST /orders` (the web channel) is limited only when
 * `rateLimits.channels.web` is configured: the channel default is for the channels' webhooks.
 */
export function channelRateLimit(config: IntakeConfig, db: Queryable): ChannelRateLimit {
  const limitOf = (channel: SalesChannel) =>
    config.rateLimits.channels[channel] ?? (channel === 'web' ? undefined : config.rateLimits.default);
  const buckets = new TokenBuckets((key) => {
    const channel = key.split(':', 1)[0] as SalesChannel;
    return limitOf(channel) ?? config.rateLimits.default;
  });
  return (channel) => async (req, res, next) => {
    const accountId = typeof req.params.accountId === 'string' ? req.params.accountId : '*';
    if (accountId !== '*' && !ACCOUNT_ID.test(accountId)) {
      sendProblem(res, 404, 'not_found', 'No such channel account.', {
        errors: [{ field: 'path.accountId', message: 'is not an account ID' }],
      });
      return;
    }
    let exists: boolean;
    try {
      exists = await accountExists(db, config, channel, accountId);
    } catch {
      // The API key table is out of reach: the channel keeps the delivery and retries.
      res.setHeader('Retry-After', '10');
      sendProblem(res, 503, 'temporarily_unavailable', 'Intake is temporarily unavailable.', {
        retryAfterSeconds: 10,
      });
      return;
    }
    if (!exists) {
      sendUnknownAccount(res, channel);
      return;
    }
    if (!limitOf(channel)) return next();
    const taken = buckets.take(`${channel}:${accountId}`);
    if (taken.allowed) return next();
    res.setHeader('Retry-After', String(taken.retryAfterSeconds));
    sendProblem(res, 429, 'rate_limited', 'The rate limit of this channel account is reached.', {
      retryAfterSeconds: taken.retryAfterSeconds,
    });
  };
}
