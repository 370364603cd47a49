import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { CARRIERS } from '../../domain/tracking-status';
import { SCENARIO_NAMES } from './scenarios';
import { WEBHOOK_CHANNELS } from './shipment';
import { SimulatorError, type SimulatorCore } from './simulator-core';

const createShipmentBody = z.object({
  carrier: z.enum(CARRIERS),
  trackingNumber: z.string().trim().min(7).max(34),
  service: z.string().optional(),
  scenario: z.enum(SCENARIO_NAMES as [string, ...string[]]).optional(),
  channels: z.array(z.enum(WEBHOOK_CHANNELS)).optional(),
});

const faultBody = z.object({
  carrier: z.enum(CARRIERS),
  status: z.number().int().min(400).max(599),
  count: z.number().int().min(1).max(1000).default(1),
  retryAfterSeconds: z.number().min(0).optional(),
});

function invalid(res: Response, issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): void {
  res.status(400).json({
    error: 'invalid request',
    problems: issues.map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`),
  });
}

/**
 * The simulator's own control surface under /simulator: create shipments (the create-shipment call
 * FedEx registration uses), step scenarios, inject faults, revoke tokens, read state and counters.
 */
export function adminRoutes(core: SimulatorCore): Router {
  const router = Router();
  router.use('/simulator', express.json());

  router.post('/simulator/shipments', (req: Request, res: Response) => {
    const parsed = createShipmentBody.safeParse(req.body ?? {});
    if (!parsed.success) return invalid(res, parsed.error.issues);
    const existed = core.shipments.has(parsed.data.trackingNumber);
    const shipment = core.createShipment({
      ...parsed.data,
      scenario: parsed.data.scenario as Parameters<SimulatorCore['createShipment']>[0]['scenario'],
    });
    res.status(existed ? 200 : 201).json(shipment);
  });

  router.get('/simulator/shipments/:trackingNumber', (req: Request, res: Response) => {
    const shipment = core.shipments.get(String(req.params.trackingNumber));
    if (!shipment) {
      res.status(404).json({ error: `unknown tracking number ${String(req.params.trackingNumber)}` });
      return;
    }
    res.json(shipment);
  });

  router.post(
    '/simulator/shipments/:trackingNumber/advance',
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        res.json(await core.advance(String(req.params.trackingNumber)));
      } catch (error) {
        if (error instanceof SimulatorError) res.status(error.status).json({ error: error.message });
        else next(error);
      }
    },
  );

  router.post('/simulator/faults', (req: Request, res: Response) => {
    const parsed = faultBody.safeParse(req.body ?? {});
    if (!parsed.success) return invalid(res, parsed.error.issues);
    const { carrier, status, count, retryAfterSeconds } = parsed.data;
    core.injectFaults(carrier, { status, retryAfterSeconds }, count);
    res.status(204).end();
  });

  router.post('/simulator/tokens/expire', (_req: Request, res: Response) => {
    core.expireTokens();
    res.status(204).end();
  });

  router.get('/simulator/stats', (_req: Request, res: Response) => {
    res.json(core.stats);
  });

  router.get('/simulator/scenarios', (_req: Request, res: Response) => {
    res.json(SCENARIO_NAMES);
  });

  return router;
}
