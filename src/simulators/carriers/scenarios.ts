import type { MilestoneKind } from './milestones';

/** One step of a scenario: the next thing that happens to the parcel. */
export interface ScenarioStep {
  kind: MilestoneKind;
  /** Where the scan happens. */
  city: string;
  state: string;
  /** Push the same webhook this many times (providers retry and duplicate). Default 1. */
  deliveries?: number;
  /** Move the estimated delivery date by this many days from its current value. */
  reviseEddDays?: number;
  /** The scan is reported late: its timestamp lies before the previous step's. */
  late?: boolean;
  /** After this step the carrier's tracking API answers 429 this many times (with Retry-After). */
  rateLimitBurst?: { count: number; retryAfterSeconds: number };
}

export interface Scenario {
  description: string;
  /** Days from shipment to the first estimated delivery date. */
  transitDays: number;
  steps: readonly ScenarioStep[];
}

const ORIGIN = { city: 'MEMPHIS', state: 'TN' } as const;
const HUB = { city: 'INDIANAPOLIS', state: 'IN' } as const;
const LOCAL = { city: 'BROOKLYN', state: 'NY' } as const;

export const SCENARIOS = {
  normal_delivery: {
    description: 'Label, pickup, two facilities, out for delivery, delivered.',
    transitDays: 3,
    steps: [
      { kind: 'label_created', ...ORIGIN },
      { kind: 'picked_up', ...ORIGIN },
      { kind: 'departed_facility', ...ORIGIN },
      { kind: 'arrived_at_facility', ...HUB },
      { kind: 'in_transit', ...HUB },
      { kind: 'out_for_delivery', ...LOCAL },
      { kind: 'delivered', ...LOCAL },
    ],
  },
  exception_then_delivered: {
    description: 'A weather exception on the way, then delivered.',
    transitDays: 3,
    steps: [
      { kind: 'label_created', ...ORIGIN },
      { kind: 'picked_up', ...ORIGIN },
      { kind: 'arrived_at_facility', ...HUB },
      { kind: 'weather_exception', ...HUB },
      { kind: 'in_transit', ...HUB },
      { kind: 'out_for_delivery', ...LOCAL },
      { kind: 'delivered', ...LOCAL },
    ],
  },
  delay_revised_edd: {
    description: 'A missed connection pushes the estimated delivery two days out.',
    transitDays: 2,
    steps: [
      { kind: 'label_created', ...ORIGIN },
      { kind: 'picked_up', ...ORIGIN },
      { kind: 'arrived_at_facility', ...HUB },
      { kind: 'delay', ...HUB, reviseEddDays: 2 },
      { kind: 'in_transit', ...HUB },
      { kind: 'out_for_delivery', ...LOCAL },
      { kind: 'delivered', ...LOCAL },
    ],
  },
  failed_attempts_return: {
    description: 'Three failed delivery attempts, then the parcel goes back to the sender.',
    transitDays: 3,
    steps: [
      { kind: 'label_created', ...ORIGIN },
      { kind: 'picked_up', ...ORIGIN },
      { kind: 'in_transit', ...HUB },
      { kind: 'out_for_delivery', ...LOCAL },
      { kind: 'attempt_1', ...LOCAL },
      { kind: 'out_for_delivery', ...LOCAL },
      { kind: 'attempt_2', ...LOCAL },
      { kind: 'out_for_delivery', ...LOCAL },
      { kind: 'attempt_final', ...LOCAL },
      { kind: 'returning_to_sender', ...LOCAL },
      { kind: 'returned_to_sender', ...ORIGIN },
    ],
  },
  returned_after_delivery: {
    description: 'Delivered, then refused by the customer and sent back to the sender.',
    transitDays: 3,
    steps: [
      { kind: 'label_created', ...ORIGIN },
      { kind: 'picked_up', ...ORIGIN },
      { kind: 'in_transit', ...HUB },
      { kind: 'out_for_delivery', ...LOCAL },
      { kind: 'delivered', ...LOCAL },
      { kind: 'returning_to_sender', ...LOCAL },
      { kind: 'returned_to_sender', ...ORIGIN },
    ],
  },
  duplicates: {
    description: 'Normal delivery where every push arrives three times and the delivery five times.',
    transitDays: 3,
    steps: [
      { kind: 'label_created', ...ORIGIN, deliveries: 3 },
      { kind: 'picked_up', ...ORIGIN, deliveries: 3 },
      { kind: 'in_transit', ...HUB, deliveries: 3 },
      { kind: 'out_for_delivery', ...LOCAL, deliveries: 3 },
      { kind: 'delivered', ...LOCAL, deliveries: 5 },
    ],
  },
  out_of_order: {
    description: 'The delivery scan arrives before the late out-for-delivery and hub scans.',
    transitDays: 3,
    steps: [
      { kind: 'label_created', ...ORIGIN },
      { kind: 'picked_up', ...ORIGIN },
      { kind: 'delivered', ...LOCAL },
      { kind: 'out_for_delivery', ...LOCAL, late: true },
      { kind: 'arrived_at_facility', ...HUB, late: true },
    ],
  },
  rate_limited: {
    description: 'Normal delivery, but the tracking API answers bursts of 429 along the way.',
    transitDays: 3,
    steps: [
      { kind: 'label_created', ...ORIGIN },
      { kind: 'picked_up', ...ORIGIN, rateLimitBurst: { count: 2, retryAfterSeconds: 1 } },
      { kind: 'in_transit', ...HUB, rateLimitBurst: { count: 3, retryAfterSeconds: 1 } },
      { kind: 'out_for_delivery', ...LOCAL },
      { kind: 'delivered', ...LOCAL, rateLimitBurst: { count: 2, retryAfterSeconds: 1 } },
    ],
  },
} as const satisfies Record<string, Scenario>;

export type ScenarioName = keyof typeof SCENARIOS;
export const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];

export function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(SCENARIOS, value);
}
