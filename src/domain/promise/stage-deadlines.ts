import { knownTimeZoneOrUtc } from '../time-zones';
import type { CanonicalOrder } from '../order';
import type { OrderState } from '../order-lifecycle';
import type { OrderStatus } from '../order-status';
import { addDays, instantOfWallClock } from './business-calendar';
import type { DeliveryPromise } from './delivery-promise';
import type { PromisePolicy } from './promise-policy';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export type StalledStage = 'in_transit' | 'out_for_delivery';

/**
 * The deadlines one order works to, fixed when it is admitted and handed to its workflow as input,
 * so the workflow needs no calendars or configuration of its own.
 */
export interface StageDeadlineSettings {
  /** When the order was admitted (ISO 8601): the reservation clock starts here. */
  receivedAt: string;
  reserveWithinMs: number;
  /** From reservation to the first pick. */
  pickWithinMs: number;
  /** The carrier cut-off of the ship day (ISO 8601). */
  handOverBy: string;
  /** The end of the promised day in the customer's time zone (ISO 8601). */
  deliverBy: string;
  /** How long a shipment may go without a scan, per tracking status. */
  stalled: Record<StalledStage, { firstMs: number; escalateMs: number }>;
  /** A stalled shipment's revised date lies this many days after the stall is found. */
  revisedDeliveryDays: number;
}

/** The customer's zone when the runtime knows it, else UTC. */
export function stageDeadlineSettings(
  order: Pick<CanonicalOrder, 'customer'>,
  promise: DeliveryPromise,
  policy: PromisePolicy,
  admittedAtMs: number,
): StageDeadlineSettings {
  const stall = (hours: { firstHours: number; escalateHours: number }) => ({
    firstMs: hours.firstHours * HOUR_MS,
    escalateMs: Math.max(hours.escalateHours, hours.firstHours) * HOUR_MS,
  });
  const dayAfterPromise = addDays(promise.promisedDeliveryDate, 1);
  return {
    receivedAt: new Date(admittedAtMs).toISOString(),
    reserveWithinMs: policy.reserveWithinMinutes * MINUTE_MS,
    pickWithinMs: policy.pickWithinHours * HOUR_MS,
    handOverBy: new Date(
      instantOfWallClock(promise.shipDate, policy.carrierCutOff, policy.timeZone),
    ).toISOString(),
    deliverBy: new Date(
      instantOfWallClock(dayAfterPromise, '00:00', knownTimeZoneOrUtc(order.customer.timeZone)),
    ).toISOString(),
    stalled: {
      in_transit: stall(policy.stalled.in_transit),
      out_for_delivery: stall(policy.stalled.out_for_delivery),
    },
    revisedDeliveryDays: policy.revisedDeliveryDays,
  };
}

/** The stages an order can be late in: a stage deadline missed, or a shipment without scans. */
export const RISK_STAGES = [
  'reservation',
  'picking',
  'hand_over',
  'delivery',
  'in_transit',
  'out_for_delivery',
] as const;
export type RiskStage = (typeof RISK_STAGES)[number];

export interface StageDeadline {
  stage: RiskStage;
  dueAt: number;
}

const STAGE_OF_STATUS: Partial<Record<OrderStatus, 'reservation' | 'picking' | 'hand_over' | 'delivery'>> = {
  received: 'reservation',
  reserved: 'picking',
  processing: 'hand_over',
  packed: 'hand_over',
  shipped: 'delivery',
  in_transit: 'delivery',
  out_for_delivery: 'delivery',
  delivery_attempted: 'delivery',
  available_for_pickup: 'delivery',
};

/** When the order last entered its current status (workflow time), or undefined before any event. */
function enteredCurrentStatusAt(state: OrderState): number | undefined {
  const entry = [...state.timeline]
    .reverse()
    .find((item) => item.to === state.status && item.from !== item.to);
  return entry ? Date.parse(entry.recordedAt) : undefined;
}

/** The deadline of the stage the order is in; none while held, backordered, delivered or closed. */
export function stageDeadline(state: OrderState, settings: StageDeadlineSettings): StageDeadline | undefined {
  const stage = STAGE_OF_STATUS[state.status];
  switch (stage) {
    case 'reservation':
      return { stage, dueAt: Date.parse(settings.receivedAt) + settings.reserveWithinMs };
    case 'picking': {
      const reservedAt = enteredCurrentStatusAt(state);
      return reservedAt === undefined ? undefined : { stage, dueAt: reservedAt + settings.pickWithinMs };
    }
    case 'hand_over':
      return { stage, dueAt: Date.parse(settings.handOverBy) };
    case 'delivery':
      return { stage, dueAt: Date.parse(settings.deliverBy) };
    default:
      return undefined;
  }
}

export interface Stall {
  stage: StalledStage;
  /** When the last carrier scan reached the order (workflow time). */
  lastScanAt: number;
  /** No scan by then: poll the carrier, and flag the order delayed if that brings nothing. */
  pollAt: number;
  /** No scan by then: escalate. */
  escalateAt: number;
}

/** How long the shipment has gone without a scan, while in transit or out for delivery. */
export function stallOf(state: OrderState, settings: StageDeadlineSettings): Stall | undefined {
  const stage = state.status;
  if (stage !== 'in_transit' && stage !== 'out_for_delivery') return undefined;
  const lastScan = [...state.timeline].reverse().find((entry) => entry.eventType === 'carrier_update');
  const lastScanAt = Date.parse(lastScan?.recordedAt ?? state.shipment?.shippedAt ?? '');
  if (Number.isNaN(lastScanAt)) return undefined;
  const { firstMs, escalateMs } = settings.stalled[stage];
  return { stage, lastScanAt, pollAt: lastScanAt + firstMs, escalateAt: lastScanAt + escalateMs };
}

/** The delivery date a stalled shipment is now expected: never earlier than what was expected before. */
export function revisedDeliveryDate(state: OrderState, nowMs: number, extraDays: number): string {
  const fromNow = addDays(new Date(nowMs).toISOString().slice(0, 10), extraDays);
  const before = state.estimatedDelivery ?? state.promisedDeliveryDate;
  return before && before > fromNow ? before : fromNow;
}
