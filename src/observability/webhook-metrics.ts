import type { RequestHandler } from 'express';
import { webhookOutcomesTotal } from './metrics';

const CARRIERS = new Set(['fedex', 'ups', 'easypost', 'aftership']);
const MESSAGE_PROVIDERS = new Set(['sendgrid', 'twilio', 'fcm']);

/** What a webhook's answer means for its sender. */
export function webhookOutcome(status: number): string {
  if (status >= 200 && status < 300) return 'accepted';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 400 || status === 413 || status === 415 || status === 422) return 'malformed';
  if (status === 503 || status === 429) return 'unavailable';
  return 'other';
}

/** Mounted at /webhooks: counts carrier and message-provider pushes by sender and outcome. */
export function webhookOutcomes(): RequestHandler {
  return (req, res, next) => {
    const [, source = '', rest] = req.path.split('/');
    const kind = CARRIERS.has(source)
      ? 'carrier'
      : MESSAGE_PROVIDERS.has(source)
        ? 'message_provider'
        : undefined;
    // The UPS OAuth token exchange is not a push.
    if (kind && req.method === 'POST' && rest !== 'token') {
      res.on('finish', () =>
        webhookOutcomesTotal.inc({ kind, source, outcome: webhookOutcome(res.statusCode) }),
      );
    }
    next();
  };
}
