import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { asHttpError, HttpError, sendHttpError } from '../../api/http-errors';
import { sendProblem } from '../../api/problem';
import type { Database } from '../../db/database';
import type { SalesChannel } from '../../domain/order';
import type { OrderCanceller } from '../cancellations';
import { parseIntakeConfig, type IntakeConfig, type IntakeConfigInput } from '../config';
import type { OrderStarter } from '../contract';
import type { IncomingDelivery } from '../flow/channel-handlers';
import { processDelivery, type IntakeFlowDeps } from '../flow/process-delivery';
import type { IntakeOutcome } from '../outcome';
import { createProfileStore, type ProfileStore } from '../profiles/profile-store';
import { StartBulkhead } from '../spikes/start-bulkhead';
import { TokenBuckets } from '../spikes/token-bucket';
import { headersOf, rawBodyOf, sendOutcome } from './respond';

export interface IntakeOptions {
  db: Database;
  startOrder: OrderStarter;
  config: IntakeConfig | IntakeConfigInput;
  /** Forwards channel cancellations to the order core; without it they are recorded only. */
  cancelOrder?: OrderCanceller;
  logger?: Logger;
}

export interface IntakeFlow {
  deps: IntakeFlowDeps;
  process(delivery: IncomingDelivery): Promise<IntakeOutcome>;
}

export function createIntakeFlow(options: IntakeOptions): IntakeFlow {
  const config = parseIntakeConfig(options.config);
  const profiles: ProfileStore = createProfileStore(options.db);
  const deps: IntakeFlowDeps = {
    db: options.db,
    startOrder: options.startOrder,
    config,
    profiles,
    bulkhead: new StartBulkhead(config.starts.maxConcurrentPerChannel, config.starts.maxQueuedPerChannel),
    ...(options.cancelOrder ? { cancelOrder: options.cancelOrder } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  };
  return { deps, process: (delivery) => processDelivery(deps, delivery) };
}

const WOO_PING = /^webhook_id=\d+$/;
const ACCOUNT_ID = /^[A-Za-z0-9._\-#]{1,128}$/;

/**
 * The channels' entry points. Each reads its raw body itself (signatures are over the exact bytes),
 * so mount it before any JSON body parser, or on its own path.
 */
export function createIntakeRouter(options: IntakeOptions | { flow: IntakeFlow }): Router {
  const flow = 'flow' in options ? options.flow : createIntakeFlow(options);
  const { config, logger } = flow.deps;
  const buckets = new TokenBuckets((key) => {
    const channel = key.split(':', 1)[0] as SalesChannel;
    return config.rateLimits.channels[channel] ?? config.rateLimits.default;
  });
  const router = express.Router();
  const readRaw = express.raw({ type: () => true, limit: config.maxBodyBytes });

  const rateLimit =
    (channel: SalesChannel) =>
    (req: Request, res: Response, next: NextFunction): void => {
      const accountId = typeof req.params.accountId === 'string' ? req.params.accountId : '*';
      if (accountId !== '*' && !ACCOUNT_ID.test(accountId)) {
        sendProblem(res, 404, 'not_found', 'No such channel account.', {
          errors: [{ field: 'path.accountId', message: 'is not an account ID' }],
        });
        return;
      }
      const taken = buckets.take(`${channel}:${accountId}`);
      if (taken.allowed) return next();
      res.setHeader('Retry-After', String(taken.retryAfterSeconds));
      sendProblem(res, 429, 'rate_limited', 'The rate limit of this channel account is reached.', {
        retryAfterSeconds: taken.retryAfterSeconds,
      });
    };

  const intake =
    (channel: SalesChannel) =>
    async (req: Request, res: Response): Promise<void> => {
      const rawBody = rawBodyOf(req);
      const headers = headersOf(req);
      if (channel === 'woocommerce' && WOO_PING.test(rawBody.toString('utf8'))) {
        res.status(200).json({ acknowledged: true, reason: 'WooCommerce webhook ping' });
        return;
      }
      try {
        const accountId = req.params.accountId;
        const outcome = await flow.process({
          channel,
          ...(typeof accountId === 'string' ? { routeAccountId: accountId } : {}),
          rawBody,
          headers,
        });
        sendOutcome(res, outcome);
      } catch (error) {
        // Only the database being unreachable gets here; the channel keeps the payload and retries.
        logger?.error({ err: error, channel }, 'intake could not record a delivery');
        res.setHeader('Retry-After', '10');
        sendProblem(res, 503, 'temporarily_unavailable', 'Intake is temporarily unavailable.', {
          retryAfterSeconds: 10,
        });
      }
    };

  const route = (path: string, channel: SalesChannel): void => {
    router.post(path, rateLimit(channel), readRaw, intake(channel));
  };
  route('/intake/shopify/:accountId', 'shopify');
  route('/intake/woocommerce/:accountId', 'woocommerce');
  route('/intake/amazon/notifications', 'amazon');
  route('/intake/square/:accountId', 'square');
  route('/intake/rest/:accountId', 'rest');

  router.use('/intake', (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    sendHttpError(
      res,
      asHttpError(error) ?? new HttpError(400, 'unreadable_body', 'The body is unreadable.'),
    );
  });
  return router;
}
