import type { NextFunction, Request, Response } from 'express';
import { sendProblem } from '../../api/problem';
import type { SalesChannel } from '../../domain/order';
import type { IntakeConfig } from '../config';
import { TokenBuckets } from '../spikes/token-bucket';

const ACCOUNT_ID = /^[A-Za-z0-9._\-#]{1,128}$/;

export type ChannelRateLimit = (
  channel: SalesChannel,
) => (req: Request, res: Response, next: NextFunction) => void;

/**
 * A token bucket per channel account (the route's `:accountId`, `*` for routes without one), checked
 * before the body is read. `POST /orders` (the web channel) is limited only when
 * `rateLimits.channels.web` is configured: the channel default is for the channels' webhooks.
 */
export function channelRateLimit(config: IntakeConfig): ChannelRateLimit {
  const limitOf = (channel: SalesChannel) =>
    config.rateLimits.channels[channel] ?? (channel === 'web' ? undefined : config.rateLimits.default);
  const buckets = new TokenBuckets((key) => {
    const channel = key.split(':', 1)[0] as SalesChannel;
    return limitOf(channel) ?? config.rateLimits.default;
  });
  return (channel) => (req, res, next) => {
    const accountId = typeof req.params.accountId === 'string' ? req.params.accountId : '*';
    if (accountId !== '*' && !ACCOUNT_ID.test(accountId)) {
      sendProblem(res, 404, 'not_found', 'No such channel account.', {
        errors: [{ field: 'path.accountId', message: 'is not an account ID' }],
      });
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
