import type { Carrier } from '../../domain/tracking-status';
import { MILESTONES, type MilestoneKind } from './milestones';
import { SCENARIOS, type ScenarioName, type ScenarioStep } from './scenarios';
import type { TrackAlertDestination } from './ups-subscription';

/** Where a shipment's events are pushed: the carrier's own webhook and/or the aggregators. */
export const WEBHOOK_CHANNELS = ['fedex', 'ups', 'easypost', 'aftership'] as const;
export type WebhookChannel = (typeof WEBHOOK_CHANNELS)[number];

export interface EmittedEvent {
  kind: MilestoneKind;
  /** Epoch ms, whole seconds. */
  occurredAt: number;
  city: string;
  state: string;
  /** The estimated delivery date (YYYY-MM-DD) as it stood after this event. */
  estimatedDelivery: string;
}

export interface SimulatedShipment {
  carrier: Carrier;
  trackingNumber: string;
  service: string;
  scenario: ScenarioName;
  channels: WebhookChannel[];
  /** UPS pushes only for numbers subscribed to Track Alert. */
  subscribed: boolean;
  /** The v1 subscription's destination; unset for v2 subscriptions (the portal's webhook). */
  trackAlertDestination?: TrackAlertDestination;
  createdAt: number;
  nextStep: number;
  initialEstimatedDelivery: string;
  estimatedDelivery: string;
  /** In the order they were emitted (not necessarily in time order). */
  events: EmittedEvent[];
  /** Timestamps of the on-time events, for placing late ones between them. */
  onTimeTimes: number[];
  lateRun: number;
}

const DAY = 86_400_000;

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function newShipment(input: {
  carrier: Carrier;
  trackingNumber: string;
  service: string;
  scenario: ScenarioName;
  channels: WebhookChannel[];
  now: number;
}): SimulatedShipment {
  const estimatedDelivery = isoDate(input.now + SCENARIOS[input.scenario].transitDays * DAY);
  return {
    carrier: input.carrier,
    trackingNumber: input.trackingNumber,
    service: input.service,
    scenario: input.scenario,
    channels: input.channels,
    subscribed: false,
    createdAt: input.now,
    nextStep: 0,
    initialEstimatedDelivery: estimatedDelivery,
    estimatedDelivery,
    events: [],
    onTimeTimes: [],
    lateRun: 0,
  };
}

export function currentStep(shipment: SimulatedShipment): ScenarioStep | undefined {
  return SCENARIOS[shipment.scenario].steps[shipment.nextStep];
}

export function isFinished(shipment: SimulatedShipment): boolean {
  return currentStep(shipment) === undefined;
}

/**
 * Emits the next step of the scenario: on-time scans are stamped now (at least `minGapMs` after the
 * previous one, so every scan has its own second); late scans are placed between the two latest on-time
 * scans, earlier the later they arrive.
 */
export function emitNextStep(
  shipment: SimulatedShipment,
  now: number,
  minGapMs: number,
): { step: ScenarioStep; event: EmittedEvent } {
  const step = currentStep(shipment);
  if (!step) throw new Error(`shipment ${shipment.trackingNumber} has finished its scenario`);
  let occurredAt: number;
  const last = shipment.onTimeTimes[shipment.onTimeTimes.length - 1];
  const before = shipment.onTimeTimes[shipment.onTimeTimes.length - 2];
  if (step.late && last !== undefined) {
    shipment.lateRun += 1;
    const floor = before ?? last - 60 * minGapMs;
    occurredAt = last - Math.round(((last - floor) * shipment.lateRun) / (shipment.lateRun + 1));
  } else {
    shipment.lateRun = 0;
    occurredAt = Math.max(now, (last ?? 0) + minGapMs);
    shipment.onTimeTimes.push(Math.floor(occurredAt / 1000) * 1000);
  }
  occurredAt = Math.floor(occurredAt / 1000) * 1000;
  if (step.reviseEddDays) {
    shipment.estimatedDelivery = isoDate(
      Date.parse(`${shipment.estimatedDelivery}T00:00:00Z`) + step.reviseEddDays * DAY,
    );
  }
  const event: EmittedEvent = {
    kind: step.kind,
    occurredAt,
    city: step.city,
    state: step.state,
    estimatedDelivery: shipment.estimatedDelivery,
  };
  shipment.events.push(event);
  shipment.nextStep += 1;
  return { step, event };
}

/** Events newest first, as the tracking APIs list them. */
export function eventsNewestFirst(shipment: SimulatedShipment): EmittedEvent[] {
  return [...shipment.events].sort((a, b) => b.occurredAt - a.occurredAt);
}

export function isDelivered(shipment: SimulatedShipment): EmittedEvent | undefined {
  return shipment.events.find((event) => event.kind === 'delivered');
}

export function wordingOf(kind: MilestoneKind) {
  return MILESTONES[kind];
}
