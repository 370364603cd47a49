import express, { Router, type Request, type Response } from 'express';
import type { SimulatorCore } from './simulator-core';
import { upsNotFoundResponse, upsTrackResponse } from './ups-format';
import { readSubscriptionRequest } from './ups-subscription';

const TRACKING_NUMBER = /(^1Z[0-9A-Z]{16}$)|(^1R[0-9A-Z]{14}$)|(^1R[0-9A-Z]{26}$)/;

function upsError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ response: { errors: [{ code, message }] } });
}

function missingTransactionHeaders(req: Request, res: Response): boolean {
  if (!req.headers.transid || !req.headers.transactionsrc) {
    upsError(res, 400, '10001', 'The request is missing the transId or transactionSrc header');
    return true;
  }
  return false;
}

/** POST /api/track/{version}/subscription/{type}/package: subscribes numbers to Track Alert pushes. */
function subscribeHandler(core: SimulatorCore) {
  return (req: Request, res: Response): void => {
    if (!core.authorized('ups', req.headers.authorization)) {
      upsError(res, 401, '250002', 'Invalid Authentication Information');
      return;
    }
    if (missingTransactionHeaders(req, res)) return;
    if (req.params.type !== 'standard' && req.params.type !== 'enhanced') {
      upsError(res, 404, '404', 'The requested resource was not found.');
      return;
    }
    const reading = readSubscriptionRequest(String(req.params.version), req.body);
    if (!reading.ok) {
      upsError(res, 400, reading.error.code, reading.error.message);
      return;
    }
    const { trackingNumbers, destination } = reading.request;
    core.stats.upsSubscriptions += 1;
    const valid: string[] = [];
    const invalid: string[] = [];
    for (const number of trackingNumbers) {
      if (!TRACKING_NUMBER.test(number)) {
        invalid.push(number);
        continue;
      }
      // UPS knows every number it printed a label for; the simulator creates the shipment on first sight.
      const shipment = core.createShipment({ carrier: 'ups', trackingNumber: number });
      shipment.subscribed = true;
      shipment.trackAlertDestination = destination;
      valid.push(number);
    }
    res.json(
      invalid.length > 0
        ? { validTrackingNumbers: valid, invalidTrackingNumbers: invalid }
        : { validTrackingNumbers: valid },
    );
  };
}

/**
 * UPS OAuth (HTTP Basic client credentials), Track API and Track Alert subscriptions. A v1
 * subscription carries its destination (pushes go there with its credential); a v2 one pushes to
 * the webhook set up in the portal (the simulator's webhook target, with an OAuth bearer token).
 */
export function upsRoutes(
  core: SimulatorCore,
  credentials: { clientId: string; clientSecret: string },
): Router {
  const router = Router();

  router.post(
    '/security/v1/oauth/token',
    express.urlencoded({ extended: false }),
    (req: Request, res: Response) => {
      const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const decoded = basic ? Buffer.from(basic, 'base64').toString('utf8') : '';
      if (decoded !== `${credentials.clientId}:${credentials.clientSecret}`) {
        upsError(res, 401, '250003', 'Invalid Authentication Information.');
        return;
      }
      const form = (req.body ?? {}) as Record<string, unknown>;
      if (form.grant_type !== 'client_credentials') {
        upsError(res, 400, '250002', 'Invalid grant_type');
        return;
      }
      res.json({
        token_type: 'Bearer',
        issued_at: String(Date.now()),
        client_id: credentials.clientId,
        access_token: core.issueToken('ups'),
        scope: '',
        expires_in: '14399',
        refresh_count: '0',
        status: 'approved',
      });
    },
  );

  router.get('/api/track/v1/details/:inquiryNumber', (req: Request, res: Response) => {
    const fault = core.takeFault('ups');
    if (fault) {
      if (fault.retryAfterSeconds !== undefined)
        res.setHeader('Retry-After', String(fault.retryAfterSeconds));
      upsError(res, fault.status, fault.status === 429 ? '10429' : '10500', `Simulated HTTP ${fault.status}`);
      return;
    }
    if (!core.authorized('ups', req.headers.authorization)) {
      upsError(res, 401, '250002', 'Invalid Authentication Information.');
      return;
    }
    if (missingTransactionHeaders(req, res)) return;
    core.stats.upsTrackRequests += 1;
    const number = String(req.params.inquiryNumber);
    if (number.length < 7 || number.length > 34) {
      upsError(res, 400, 'TV0001', 'Invalid inquiry number: must be between 7 and 34 characters');
      return;
    }
    const shipment = core.shipments.get(number);
    res.json(shipment?.carrier === 'ups' ? upsTrackResponse(shipment) : upsNotFoundResponse(number));
  });

  router.post('/api/track/:version/subscription/:type/package', express.json(), subscribeHandler(core));

  return router;
}
