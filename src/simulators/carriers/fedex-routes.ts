import { randomUUID } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import { fedexNotFoundResult, fedexTrackResult } from './fedex-format';
import type { SimulatorCore } from './simulator-core';

const MAX_NUMBERS = 30;

function fedexError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ transactionId: randomUUID(), errors: [{ code, message }] });
}

/** FedEx OAuth (form body credentials) and Track API, speaking FedEx's wire format. */
export function fedexRoutes(
  core: SimulatorCore,
  credentials: { clientId: string; clientSecret: string },
): Router {
  const router = Router();

  router.post('/oauth/token', express.urlencoded({ extended: false }), (req: Request, res: Response) => {
    const form = (req.body ?? {}) as Record<string, unknown>;
    if (form.grant_type !== 'client_credentials') {
      fedexError(res, 400, 'BAD.REQUEST.ERROR', 'grant_type must be client_credentials');
      return;
    }
    if (form.client_id !== credentials.clientId || form.client_secret !== credentials.clientSecret) {
      fedexError(res, 401, 'NOT.AUTHORIZED.ERROR', 'The given client credentials were not valid.');
      return;
    }
    res.json({
      access_token: core.issueToken('fedex'),
      token_type: 'bearer',
      expires_in: 3599,
      scope: 'CXS',
    });
  });

  router.post('/track/v1/trackingnumbers', express.json(), (req: Request, res: Response) => {
    const fault = core.takeFault('fedex');
    if (fault) {
      if (fault.retryAfterSeconds !== undefined)
        res.setHeader('Retry-After', String(fault.retryAfterSeconds));
      const code =
        fault.status === 429
          ? 'RATE.LIMIT.EXCEEDED'
          : fault.status >= 500
            ? 'INTERNAL.SERVER.ERROR'
            : 'BAD.REQUEST.ERROR';
      fedexError(res, fault.status, code, `Simulated HTTP ${fault.status}.`);
      return;
    }
    if (!core.authorized('fedex', req.headers.authorization)) {
      fedexError(
        res,
        401,
        'NOT.AUTHORIZED.ERROR',
        'Access token expired. Please modify your request and try again.',
      );
      return;
    }
    const body = (req.body ?? {}) as {
      trackingInfo?: Array<{ trackingNumberInfo?: { trackingNumber?: unknown } }>;
    };
    const numbers = (Array.isArray(body.trackingInfo) ? body.trackingInfo : [])
      .map((info) => info.trackingNumberInfo?.trackingNumber)
      .filter((number): number is string => typeof number === 'string' && number.trim() !== '');
    if (numbers.length === 0) {
      fedexError(res, 400, 'TRACKING.TRACKINGNUMBER.EMPTY', 'Please provide tracking number.');
      return;
    }
    if (numbers.length > MAX_NUMBERS) {
      fedexError(
        res,
        400,
        'TRACKING.TRACKINGNUMBER.LIMIT.EXCEEDED',
        `At most ${MAX_NUMBERS} tracking numbers per request.`,
      );
      return;
    }
    core.stats.fedexTrackBatches.push(numbers.length);
    const completeTrackResults = numbers.map((trackingNumber) => {
      const shipment = core.shipments.get(trackingNumber);
      const known = shipment?.carrier === 'fedex';
      return {
        trackingNumber,
        trackResults: [known && shipment ? fedexTrackResult(shipment) : fedexNotFoundResult(trackingNumber)],
      };
    });
    res.json({
      transactionId: randomUUID(),
      ...(typeof req.headers['x-customer-transaction-id'] === 'string'
        ? { customerTransactionId: req.headers['x-customer-transaction-id'] }
        : {}),
      output: { completeTrackResults },
    });
  });

  return router;
}
