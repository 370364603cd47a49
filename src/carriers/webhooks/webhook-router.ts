import express, { Router, type Request, type Response } from 'express';
import { sendProblem } from '../../api/problem';
import type { CarrierTrackingEvent } from '../../domain/tracking-status';
import type { DeferredCarrierEvents } from '../events/dispatch-to-orders';
import {
  parseAfterShipWebhook,
  verifyAfterShipSignature,
  AFTERSHIP_SIGNATURE_HEADER,
} from './aftership-webhook';
import { parseEasyPostWebhook, verifyEasyPostSignature, EASYPOST_SIGNATURE_HEADER } from './easypost-webhook';
import { parseFedexWebhook, verifyFedexSignature, FEDEX_SIGNATURE_HEADER } from './fedex-webhook';
import { headerValue } from './signatures';
import {
  authenticateUpsPush,
  issueUpsWebhookToken,
  parseUpsTrackAlert,
  verifyUpsClientCredentials,
  UPS_CREDENTIAL_HEADER,
  type UpsWebhookSecrets,
} from './ups-webhook';
import type { WebhookParseResult } from './webhook-result';

export interface CarrierWebhookSecrets {
  /** FedEx webhook project security token (fdx-signature key). */
  fedex?: { securityToken: string };
  /** The Track Alert subscription credential, and/or client credentials for POST /webhooks/ups/token. */
  ups?: UpsWebhookSecrets;
  easypost?: { webhookSecret: string };
  aftership?: { webhookSecret: string };
}

/** Structured logger surface (pino's Logger fits). */
export interface WebhookLogger {
  info(details: object, message?: string): void;
  warn(details: object, message?: string): void;
  error(details: object, message?: string): void;
}

export interface CarrierWebhookRouterOptions {
  /** A carrier with no secrets configured gets no route (404). */
  secrets: CarrierWebhookSecrets;
  /**
   * Receives the verified, normalized events of one push. It decides what they mean: signalling the
   * order that owns each tracking number, recording numbers no order owns for ops. It should only hand
   * the events over (fast); a rejection answers 503 so the provider delivers again later, and events it
   * held back (over their order's rate) answer 429 with Retry-After.
   */
  onEvents: (events: CarrierTrackingEvent[]) => Promise<void | { deferred?: DeferredCarrierEvents }>;
  logger?: WebhookLogger;
  now?: () => number;
  /** Largest accepted body; default 1 MB. */
  bodyLimit?: string;
}

type Source = 'fedex' | 'ups' | 'easypost' | 'aftership';

/**
 * POST /webhooks/fedex, /webhooks/ups (+ /webhooks/ups/token), /webhooks/easypost, /webhooks/aftership.
 * Reads the raw body itself, so mount it before any JSON body parser. Missing or wrong signature → 401
 * (nothing handed over); unparseable body → 400 naming the problem; accepted → 202.
 */
export function createCarrierWebhookRouter(options: CarrierWebhookRouterOptions): Router {
  const router = Router();
  const now = options.now ?? Date.now;
  const raw = express.raw({ type: () => true, limit: options.bodyLimit ?? '1mb' });
  const log = options.logger;

  function rawBodyOf(req: Request): Buffer | undefined {
    return Buffer.isBuffer(req.body) ? req.body : undefined;
  }

  /** The raw body signatures are checked over; without it the router was mounted wrongly (500). */
  function requireRawBody(req: Request, res: Response): Buffer | undefined {
    const body = rawBodyOf(req);
    if (!body) {
      sendProblem(
        res,
        500,
        'internal_error',
        'Raw body unavailable: mount the carrier webhook router before body parsers.',
      );
    }
    return body;
  }

  async function accept(source: Source, res: Response, result: WebhookParseResult): Promise<void> {
    if (!result.ok) {
      log?.warn({ source, problem: result.problem }, 'carrier webhook rejected: malformed body');
      sendProblem(res, 400, 'malformed_body', `The webhook body is not valid: ${result.problem}`);
      return;
    }
    if (result.ignored) log?.info({ source, reason: result.ignored }, 'carrier webhook ignored');
    if (result.events.length > 0) {
      try {
        const handed = await options.onEvents(result.events);
        if (handed?.deferred) return overOrderRate(source, res, handed.deferred);
      } catch (error) {
        log?.error({ source, err: error }, 'carrier webhook events could not be handed over');
        sendProblem(
          res,
          503,
          'temporarily_unavailable',
          'The events could not be processed now; deliver them again later.',
        );
        return;
      }
    }
    res
      .status(202)
      .json({ accepted: result.events.length, ...(result.ignored ? { ignored: result.ignored } : {}) });
  }

  function overOrderRate(source: Source, res: Response, deferred: DeferredCarrierEvents): void {
    log?.warn(
      { source, deferredEvents: deferred.events, orderIds: deferred.orderIds },
      'carrier webhook events over their order’s rate held back',
    );
    res.setHeader('Retry-After', String(deferred.retryAfterSeconds));
    sendProblem(
      res,
      429,
      'carrier_events_rate_limited',
      `${deferred.events} new events are over their order’s rate; deliver this push again later (events already taken are skipped then).`,
      { retryAfterSeconds: deferred.retryAfterSeconds },
    );
  }

  function signed(
    source: Source,
    header: string,
    verify: (body: Buffer, signature: string | undefined) => boolean,
    parse: (body: Buffer) => WebhookParseResult,
  ) {
    return async (req: Request, res: Response): Promise<void> => {
      const body = requireRawBody(req, res);
      if (!body) return;
      const signature = headerValue(req.headers[header]);
      if (!verify(body, signature)) {
        log?.warn(
          { source, signature: signature ? 'wrong' : 'missing' },
          'carrier webhook rejected: signature',
        );
        const detail = signature
          ? `The ${header} signature does not match the body.`
          : `The ${header} header is missing.`;
        sendProblem(res, 401, 'invalid_signature', detail);
        return;
      }
      await accept(source, res, parse(body));
    };
  }

  const { fedex, ups, easypost, aftership } = options.secrets;
  // Providers that sign the raw body with an HMAC header; a provider without a secret gets no route.
  const hmacSigned = [
    fedex && {
      source: 'fedex' as const,
      header: FEDEX_SIGNATURE_HEADER,
      verify: (b: Buffer, s: string | undefined) => verifyFedexSignature(b, s, fedex.securityToken),
      parse: parseFedexWebhook,
    },
    easypost && {
      source: 'easypost' as const,
      header: EASYPOST_SIGNATURE_HEADER,
      verify: (b: Buffer, s: string | undefined) => verifyEasyPostSignature(b, s, easypost.webhookSecret),
      parse: parseEasyPostWebhook,
    },
    aftership && {
      source: 'aftership' as const,
      header: AFTERSHIP_SIGNATURE_HEADER,
      verify: (b: Buffer, s: string | undefined) => verifyAfterShipSignature(b, s, aftership.webhookSecret),
      parse: parseAfterShipWebhook,
    },
  ];
  for (const provider of hmacSigned) {
    if (!provider) continue;
    router.post(
      `/webhooks/${provider.source}`,
      raw,
      signed(provider.source, provider.header, provider.verify, provider.parse),
    );
  }
  if (ups) {
    const oauth = ups.oauth;
    router.post('/webhooks/ups/token', raw, (req: Request, res: Response) => {
      if (!oauth || !verifyUpsClientCredentials(headerValue(req.headers.authorization), oauth)) {
        // OAuth clients read `error` (RFC 6749 §5.2); `code` says the same for everyone else.
        sendProblem(res, 401, 'invalid_client', 'The client credentials are not valid.', {
          error: 'invalid_client',
        });
        return;
      }
      const form = new URLSearchParams(rawBodyOf(req)?.toString('utf8') ?? '');
      if (form.get('grant_type') !== 'client_credentials') {
        sendProblem(res, 400, 'unsupported_grant_type', 'grant_type must be client_credentials.', {
          error: 'unsupported_grant_type',
          errors: [{ field: 'grant_type', message: 'must be client_credentials' }],
        });
        return;
      }
      res.status(200).json(issueUpsWebhookToken(oauth, now()));
    });
    router.post('/webhooks/ups', raw, async (req: Request, res: Response) => {
      const body = requireRawBody(req, res);
      if (!body) return;
      const headers = {
        credential: headerValue(req.headers[UPS_CREDENTIAL_HEADER]),
        authorization: headerValue(req.headers.authorization),
        apiKey: headerValue(req.headers['x-api-key']),
      };
      const check = authenticateUpsPush(headers, ups, now());
      if (!check.ok) {
        log?.warn({ source: 'ups', problem: check.detail }, 'carrier webhook rejected: credentials');
        sendProblem(res, 401, 'invalid_credentials', check.detail);
        return;
      }
      await accept('ups', res, parseUpsTrackAlert(body));
    });
  }
  return router;
}
