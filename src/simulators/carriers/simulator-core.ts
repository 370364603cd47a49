import { randomBytes } from 'node:crypto';
import type { Carrier } from '../../domain/tracking-status';
import { afterShipTrackingUpdate, easyPostTrackerUpdated } from './aggregator-format';
import { fedexTrackResult } from './fedex-format';
import { MILESTONES, type MilestoneKind } from './milestones';
import { isScenarioName, type ScenarioName } from './scenarios';
import {
  emitNextStep,
  isFinished,
  newShipment,
  type SimulatedShipment,
  type WebhookChannel,
} from './shipment';
import { upsTrackAlertBody } from './ups-format';
import type { WebhookDelivery, WebhookPusher } from './webhook-pusher';

export interface InjectedFault {
  status: number;
  retryAfterSeconds?: number;
}

export interface SimulatorStats {
  tokenRequests: Record<Carrier, number>;
  /** Tracking numbers per FedEx track request, in order. */
  fedexTrackBatches: number[];
  upsTrackRequests: number;
  upsSubscriptions: number;
  /** Answers of 401 for a missing, unknown or expired token. */
  unauthorized: number;
  faultsServed: number;
}

export interface AdvanceResult {
  trackingNumber: string;
  kind: MilestoneKind;
  occurredAt: string;
  estimatedDelivery: string;
  finished: boolean;
  deliveries: WebhookDelivery[];
}

export interface CreateShipmentInput {
  carrier: Carrier;
  trackingNumber: string;
  service?: string;
  scenario?: ScenarioName;
  /** Which webhooks carry this shipment's events; default: the carrier's own. [] = polling only. */
  channels?: WebhookChannel[];
}

export interface SimulatorCoreOptions {
  pusher: WebhookPusher;
  now: () => number;
  minStepGapMs: number;
  tokenTtlSeconds: number;
  defaultScenario: ScenarioName;
  scenarioFor?: (trackingNumber: string, carrier: Carrier) => ScenarioName | undefined;
  defaultChannels?: (carrier: Carrier) => WebhookChannel[];
}

/** The simulated carriers' state: shipments, issued tokens, injected faults and what was asked. */
export function createSimulatorCore(options: SimulatorCoreOptions) {
  const shipments = new Map<string, SimulatedShipment>();
  const tokens = new Map<string, { carrier: Carrier; expiresAt: number }>();
  const faults: Record<Carrier, InjectedFault[]> = { fedex: [], ups: [] };
  const stats: SimulatorStats = {
    tokenRequests: { fedex: 0, ups: 0 },
    fedexTrackBatches: [],
    upsTrackRequests: 0,
    upsSubscriptions: 0,
    unauthorized: 0,
    faultsServed: 0,
  };

  function createShipment(input: CreateShipmentInput): SimulatedShipment {
    const existing = shipments.get(input.trackingNumber);
    if (existing) return existing;
    const scenario =
      input.scenario ?? options.scenarioFor?.(input.trackingNumber, input.carrier) ?? options.defaultScenario;
    if (!isScenarioName(scenario)) throw new Error(`unknown scenario ${String(scenario)}`);
    const shipment = newShipment({
      carrier: input.carrier,
      trackingNumber: input.trackingNumber,
      service: input.service ?? (input.carrier === 'fedex' ? 'FEDEX_GROUND' : 'UPS Ground'),
      scenario,
      channels: input.channels ?? options.defaultChannels?.(input.carrier) ?? [input.carrier],
      now: options.now(),
    });
    shipments.set(shipment.trackingNumber, shipment);
    return shipment;
  }

  async function pushEvent(
    shipment: SimulatedShipment,
    copies: number,
    previousEasyPostStatus: string | undefined,
  ) {
    const event = shipment.events[shipment.events.length - 1];
    if (!event) return [];
    const deliveries: WebhookDelivery[] = [];
    const now = options.now();
    for (const channel of shipment.channels) {
      if (channel === 'fedex' && shipment.carrier === 'fedex') {
        const body = {
          trackingNumber: shipment.trackingNumber,
          trackResults: [fedexTrackResult(shipment, [event])],
        };
        deliveries.push(...(await options.pusher.push('fedex', body, copies)));
      } else if (channel === 'ups' && shipment.carrier === 'ups' && shipment.subscribed) {
        const body = upsTrackAlertBody(shipment, event);
        const destination = shipment.trackAlertDestination;
        deliveries.push(
          ...(await (destination
            ? options.pusher.pushTrackAlert(destination, body, copies)
            : options.pusher.push('ups', body, copies))),
        );
      } else if (channel === 'easypost') {
        deliveries.push(
          ...(await options.pusher.push(
            'easypost',
            easyPostTrackerUpdated(shipment, now, previousEasyPostStatus),
            copies,
          )),
        );
      } else if (channel === 'aftership') {
        deliveries.push(
          ...(await options.pusher.push('aftership', afterShipTrackingUpdate(shipment, now), copies)),
        );
      }
    }
    return deliveries;
  }

  /** Emits the shipment's next scenario step into the tracking APIs and pushes it to its webhooks. */
  async function advance(trackingNumber: string): Promise<AdvanceResult> {
    const shipment = shipments.get(trackingNumber);
    if (!shipment) throw new SimulatorError(404, `unknown tracking number ${trackingNumber}`);
    if (isFinished(shipment))
      throw new SimulatorError(409, `${trackingNumber} has finished scenario ${shipment.scenario}`);
    const previous = shipment.events[shipment.events.length - 1];
    const { step, event } = emitNextStep(shipment, options.now(), options.minStepGapMs);
    if (step.rateLimitBurst) {
      for (let i = 0; i < step.rateLimitBurst.count; i += 1) {
        faults[shipment.carrier].push({
          status: 429,
          retryAfterSeconds: step.rateLimitBurst.retryAfterSeconds,
        });
      }
    }
    const previousStatus = previous ? MILESTONES[previous.kind].easypost.status : undefined;
    const deliveries = await pushEvent(shipment, step.deliveries ?? 1, previousStatus);
    return {
      trackingNumber,
      kind: event.kind,
      occurredAt: new Date(event.occurredAt).toISOString(),
      estimatedDelivery: event.estimatedDelivery,
      finished: isFinished(shipment),
      deliveries,
    };
  }

  function issueToken(carrier: Carrier): string {
    stats.tokenRequests[carrier] += 1;
    const token = randomBytes(24).toString('base64url');
    tokens.set(token, { carrier, expiresAt: options.now() + options.tokenTtlSeconds * 1000 });
    return token;
  }

  /** True when the request carries a live token of that carrier; counts the 401 otherwise. */
  function authorized(carrier: Carrier, authorization: string | undefined): boolean {
    const token = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
    const issued = token ? tokens.get(token) : undefined;
    const ok = issued !== undefined && issued.carrier === carrier && issued.expiresAt > options.now();
    if (!ok) stats.unauthorized += 1;
    return ok;
  }

  function takeFault(carrier: Carrier): InjectedFault | undefined {
    const fault = faults[carrier].shift();
    if (fault) stats.faultsServed += 1;
    return fault;
  }

  return {
    shipments,
    stats,
    createShipment,
    advance,
    issueToken,
    authorized,
    takeFault,
    injectFaults(carrier: Carrier, fault: InjectedFault, count: number) {
      for (let i = 0; i < count; i += 1) faults[carrier].push({ ...fault });
    },
    /** Revokes every issued token: the next API call with one answers 401. */
    expireTokens() {
      tokens.clear();
    },
    unfinished(): SimulatedShipment[] {
      return [...shipments.values()].filter((shipment) => !isFinished(shipment));
    },
  };
}

export type SimulatorCore = ReturnType<typeof createSimulatorCore>;

/** A simulator failure with the HTTP status the admin API answers with. */
export class SimulatorError extends Error {
  override readonly name = 'SimulatorError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
