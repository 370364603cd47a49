import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Carrier } from '../../domain/tracking-status';
import { adminRoutes } from './admin-routes';
import { fedexRoutes } from './fedex-routes';
import type { ScenarioName } from './scenarios';
import type { WebhookChannel } from './shipment';
import {
  createSimulatorCore,
  type AdvanceResult,
  type CreateShipmentInput,
  type InjectedFault,
  type SimulatorStats,
} from './simulator-core';
import { upsRoutes } from './ups-routes';
import { createWebhookPusher, type SimulatorWebhookSecrets } from './webhook-pusher';

export interface CarrierSimulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  host?: string;
  /** OAuth client credentials the simulated carriers accept. */
  fedexCredentials?: { clientId: string; clientSecret: string };
  upsCredentials?: { clientId: string; clientSecret: string };
  /** Base URL of the service receiving webhooks (POST <base>/webhooks/<channel>); unset = no pushes. */
  webhookTargetUrl?: string;
  webhookSecrets?: SimulatorWebhookSecrets;
  /** Scenario for shipments created without one. Default normal_delivery. */
  defaultScenario?: ScenarioName;
  /** Chooses a scenario per tracking number (demo: a mix of scenarios). */
  scenarioFor?: (trackingNumber: string, carrier: Carrier) => ScenarioName | undefined;
  /** Webhook channels for shipments created without any. Default: the carrier's own. */
  defaultChannels?: (carrier: Carrier) => WebhookChannel[];
  /** When set, every unfinished shipment advances one step per interval (the demo). */
  stepIntervalMs?: number;
  /** Least time between two on-time scans of one shipment. Default 60 s. */
  minStepGapMs?: number;
  /** Lifetime of issued API tokens. Default 3599 s. */
  tokenTtlSeconds?: number;
  now?: () => number;
}

export interface CarrierSimulator {
  url: string;
  port: number;
  createShipment(input: CreateShipmentInput): void;
  /** Emits the next scenario step for the number, as webhooks and into the tracking APIs. */
  advance(trackingNumber: string): Promise<AdvanceResult>;
  /** Advances until the scenario ends; returns every step's result. */
  runToEnd(trackingNumber: string): Promise<AdvanceResult[]>;
  /** The next `count` tracking API calls of that carrier answer with `fault`. */
  injectFaults(carrier: Carrier, fault: InjectedFault, count?: number): void;
  /** Revokes every issued token (the next API call with one gets 401). */
  expireTokens(): void;
  setWebhookTarget(url: string | undefined): void;
  stats(): SimulatorStats;
  close(): Promise<void>;
}

export const DEFAULT_SIMULATOR_CREDENTIALS = {
  fedex: { clientId: 'sim-fedex-client', clientSecret: 'sim-fedex-secret' },
  ups: { clientId: 'sim-ups-client', clientSecret: 'sim-ups-secret' },
} as const;

/**
 * One HTTP server speaking FedEx's and UPS's OAuth + tracking wire formats, UPS Track Alert
 * subscriptions, and pushing signed FedEx, UPS, EasyPost and AfterShip webhooks as scenarios unfold.
 */
export async function startCarrierSimulator(
  options: CarrierSimulatorOptions = {},
): Promise<CarrierSimulator> {
  let webhookTarget = options.webhookTargetUrl;
  const now = options.now ?? Date.now;
  const core = createSimulatorCore({
    pusher: createWebhookPusher(() => webhookTarget, options.webhookSecrets ?? {}),
    now,
    minStepGapMs: options.minStepGapMs ?? 60_000,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3599,
    defaultScenario: options.defaultScenario ?? 'normal_delivery',
    scenarioFor: options.scenarioFor,
    defaultChannels: options.defaultChannels,
  });

  const app = express();
  app.disable('x-powered-by');
  app.use(fedexRoutes(core, options.fedexCredentials ?? DEFAULT_SIMULATOR_CREDENTIALS.fedex));
  app.use(upsRoutes(core, options.upsCredentials ?? DEFAULT_SIMULATOR_CREDENTIALS.ups));
  app.use(adminRoutes(core));

  const server = app.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;

  let ticking = false;
  const timer =
    options.stepIntervalMs !== undefined
      ? setInterval(() => {
          if (ticking) return;
          ticking = true;
          Promise.allSettled(
            core.unfinished().map((shipment) => core.advance(shipment.trackingNumber)),
          ).finally(() => {
            ticking = false;
          });
        }, options.stepIntervalMs)
      : undefined;
  timer?.unref();

  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    createShipment(input) {
      core.createShipment(input);
    },
    advance: (trackingNumber) => core.advance(trackingNumber),
    async runToEnd(trackingNumber) {
      const results: AdvanceResult[] = [];
      for (;;) {
        const result = await core.advance(trackingNumber);
        results.push(result);
        if (result.finished) return results;
      }
    },
    injectFaults(carrier, fault, count = 1) {
      core.injectFaults(carrier, fault, count);
    },
    expireTokens: () => core.expireTokens(),
    setWebhookTarget(url) {
      webhookTarget = url;
    },
    stats: () => structuredClone(core.stats),
    async close() {
      if (timer) clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
