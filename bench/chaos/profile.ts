/** How big a chaos run is: the full run, or the short one CI runs (`--quick`). */
export interface ChaosProfile {
  name: 'full' | 'quick';
  /** Orders driven from placement to delivered while the faults happen. */
  orders: number;
  /** While faults are still being dealt, orders keep coming, up to this many. */
  maxOrders: number;
  /** Orders moving at once. */
  inFlight: number;
  /** How many times the order worker is SIGKILLed. */
  orderWorkerKills: number;
  /** Whether the notification worker and the API are also killed on their own (the group kill takes them all). */
  killEachRole: boolean;
  /** How long the SendGrid and Twilio simulators stay failing or down. */
  outageMs: number;
  /** Share of orders whose warehouse and carrier events arrive duplicated and shuffled. */
  stormShare: number;
  /** Orders placed while the providers fail 30% of calls, for the delivery-rate check. */
  faultyProviderOrders: number;
  /** Pause between two faults, so each one's recovery is measured on its own. */
  faultGapMs: number;
}

export const FULL: ChaosProfile = {
  name: 'full',
  orders: 300,
  maxOrders: 450,
  inFlight: 24,
  orderWorkerKills: 5,
  killEachRole: true,
  outageMs: 60_000,
  stormShare: 0.2,
  faultyProviderOrders: 60,
  faultGapMs: 5_000,
};

export const QUICK: ChaosProfile = {
  name: 'quick',
  orders: 12,
  maxOrders: 40,
  inFlight: 4,
  orderWorkerKills: 1,
  killEachRole: false,
  outageMs: 5_000,
  stormShare: 0.25,
  faultyProviderOrders: 8,
  faultGapMs: 0,
};
