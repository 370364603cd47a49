import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { asHttpError, HttpError, sendHttpError } from '../../api/http-errors';
import { sendProblem } from '../../api/problem';
import type { Database } from '../../db/database';
import type { SalesChannel } from '../../domain/order';
import type { OrderCanceller } from '../cancellations';
import type { IncomingDelivery } from '../channels/channel-handler';
import { CHANNEL_HANDLERS } from '../channels/registry';
import { parseIntakeConfig, type IntakeConfig, type IntakeConfigInput } from '../config';
import type { OrderStarter } from '../contract';
import { admitDelivery, intakeFlowDeps, type IntakeFlowDeps } from '../flow/admit-delivery';
import type { IntakeOutcome } from '../outcome';
import { channelRateLimit, type ChannelRateLimit } from './rate-limit';
import { headersOf, rawBodyOf, sendOutcome } from './respond';

export interface IntakeOptions {
  db: Database;
  startOrder: OrderStarter;
  config: IntakeConfig | IntakeConfigInput;
  /** Forwards channel cancellations to the order core; without it they are recorded only. */
  cancelOrder?: OrderCanceller;
  logger?: Logger;
}

/** The admission with its dependencies, shared by the channel routes, `POST /orders` and ops replays. */
export interface IntakeFlow {
  deps: IntakeFlowDeps;
  process(delivery: IncomingDelivery): Promise<IntakeOutcome>;
  /** The token bucket of a channel's routes. */
  rateLimit: ChannelRateLimit;
}

export function createIntakeFlow(options: IntakeOptions): IntakeFlow {
  const config = parseIntakeConfig(options.config);
  const deps = intakeFlowDeps({ ...options, config });
  return {
    deps,
    process: (delivery) => admitDelivery(deps, delivery),
    rateLimit: channelRateLimit(config, options.db),
  };
}

/** Answers an unreachable database with 503: the channel keeps the payload and retries. */
function sendIntakeUnavailable(
  res: Response,
  logger: Logger | undefined,
  channel: SalesChannel,
  error: unknown,
) {
  logger?.error({ err: error, channel }, 'intake could not record a delivery');
  res.setHeader('Retry-After', '10');
  sendProblem(res, 503, 'temporarily_unavailable', 'Intake is temporarily unavailable.', {
    retryAfterSeconds: 10,
  });
}

function channelIntake(flow: IntakeFlow, channel: SalesChannel) {
  return async (req: Request, res: Response): Promise<void> => {
    const rawBody = rawBodyOf(req);
    const acknowledged = CHANNEL_HANDLERS[channel].acknowledgeUnread?.(rawBody);
    if (acknowledged) {
      res.status(200).json({ acknowledged: true, reason: acknowledged });
      return;
    }
    try {
      const accountId = req.params.accountId;
      const outcome = await flow.process({
        channel,
        ...(typeof accountId === 'string' ? { routeAccountId: accountId } : {}),
        rawBody,
        headers: headersOf(req),
      });
      sendOutcome(res, outcome);
    } catch (error) {
      sendIntakeUnavailable(res, flow.deps.logger, channel, error);
    }
  };
}

/**
 * The channels' entry points. Each reads its raw body itself (signatures are over the exact bytes),
 * so mount it before any JSON body parser, or on its own path.
 */
export function createIntakeRouter(options: IntakeOptions | { flow: IntakeFlow }): Router {
  const flow = 'flow' in options ? options.flow : createIntakeFlow(options);
  const router = express.Router();
  const readRaw = express.raw({ type: () => true, limit: flow.deps.config.maxBodyBytes });
  const route = (path: string, channel: SalesChannel): void => {
    router.post(path, flow.rateLimit(channel), readRaw, channelIntake(flow, channel));
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
