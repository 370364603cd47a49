import { addDays } from './business-calendar';
import {
  forecastDelivery,
  lateShareOf,
  type DeliveryForecast,
  type DeliveryWindow,
  type LanePrediction,
} from './delivery-forecast';

/** One service the account could ship with, as the model predicts it for this order's lane. */
export interface ServiceOutlook extends LanePrediction {
  service: string;
  modelVersion: number;
}

export interface ServiceChoice {
  service: string;
  /** Whether the chosen service differs from the one the warehouse asked for. */
  changed: boolean;
  reason: string;
  outlook?: ServiceOutlook;
}

const meetsPromise = (outlook: ServiceOutlook, promisedDate: string, threshold: number) =>
  outlook.estimatedDate <= promisedDate && outlook.lateProbability < threshold;

/**
 * The service to ship with: the requested one while it is predicted to meet the promise, else the
 * first configured service (cheapest first) that is, else the one least likely to be late if that
 * beats the requested one. Outlooks of services the model cannot tell apart change nothing.
 */
export function chooseServiceForPromise(
  requested: string,
  outlooks: readonly ServiceOutlook[],
  promisedDate: string,
  threshold: number,
): ServiceChoice {
  const own = outlooks.find((outlook) => outlook.service === requested);
  const keep = (reason: string): ServiceChoice => ({
    service: requested,
    changed: false,
    reason,
    ...(own ? { outlook: own } : {}),
  });
  if (!own) return keep('no prediction for the requested service');
  if (meetsPromise(own, promisedDate, threshold)) return keep('the requested service meets the promise');
  const meeting = outlooks.find((outlook) => meetsPromise(outlook, promisedDate, threshold));
  if (meeting)
    return {
      service: meeting.service,
      changed: true,
      reason: 'predicted to meet the promise',
      outlook: meeting,
    };
  const best = [...outlooks].sort((a, b) => a.lateProbability - b.lateProbability)[0]!;
  if (best.lateProbability < own.lateProbability)
    return { service: best.service, changed: true, reason: 'least likely to be late', outlook: best };
  return keep('no configured service is predicted to do better');
}

export const RECOVERY_ACTIONS = ['upgrade_service', 'reship', 'notify_only'] as const;
export type RecoveryActionKind = (typeof RECOVERY_ACTIONS)[number];

export interface PredictedEffect {
  estimatedDate: string;
  window: DeliveryWindow;
  lateProbability: number;
}

export interface RecoveryAction {
  action: RecoveryActionKind;
  service?: string;
  predicted: PredictedEffect;
  /** Late probability saved against the current forecast (positive is better). */
  lateProbabilityReduction: number;
  explanation: string;
}

export interface RecoverySituation {
  current: DeliveryForecast;
  currentService: string;
  promisedDate: string;
  /** The day the parcel left. */
  shippedOn: string;
  today: string;
  /** The configured services' outlooks for this lane (the current service's included). */
  outlooks: readonly ServiceOutlook[];
}

const effectOf = ({ estimatedDate, window, lateProbability }: PredictedEffect): PredictedEffect => ({
  estimatedDate,
  window,
  lateProbability,
});

/** A new parcel leaves today: the service's dates move by the days since the first one left. */
function reshipEffect(outlook: ServiceOutlook, situation: RecoverySituation): PredictedEffect {
  const elapsed = Math.max(
    0,
    Math.round((Date.parse(situation.today) - Date.parse(situation.shippedOn)) / 86_400_000),
  );
  const window = {
    earliest: addDays(outlook.window.earliest, elapsed),
    latest: addDays(outlook.window.latest, elapsed),
  };
  const shiftedLate = lateShareOf(window, situation.promisedDate);
  return {
    estimatedDate: addDays(outlook.estimatedDate, elapsed),
    window,
    lateProbability: Math.round(Math.max(outlook.lateProbability, shiftedLate) * 1000) / 1000,
  };
}

/**
 * What ops can do for an order at risk, with each action's predicted effect, best first: upgrade
 * the parcel in flight to the service least likely to be late (its outlook revised by the days
 * already past, like a scan), send a new parcel today with that service, or only tell the customer
 * (the current forecast). Upgrades and reships that do not lower the late probability are left out.
 */
export function recommendRecovery(situation: RecoverySituation): RecoveryAction[] {
  const { current, currentService, promisedDate, today } = situation;
  const action = (
    kind: RecoveryActionKind,
    predicted: PredictedEffect,
    explanation: string,
    service?: string,
  ): RecoveryAction => ({
    action: kind,
    ...(service ? { service } : {}),
    predicted: effectOf(predicted),
    lateProbabilityReduction: Math.round((current.lateProbability - predicted.lateProbability) * 1000) / 1000,
    explanation,
  });
  const actions: RecoveryAction[] = [];
  const byRisk = [...situation.outlooks].sort((a, b) => a.lateProbability - b.lateProbability);
  const upgrade = byRisk.find((outlook) => outlook.service !== currentService);
  if (upgrade) {
    const revised = forecastDelivery(upgrade, upgrade.modelVersion, { promisedDate, today, reason: 'scan' });
    if (revised.lateProbability < current.lateProbability)
      actions.push(
        action('upgrade_service', revised, `switch the parcel to ${upgrade.service}`, upgrade.service),
      );
  }
  const fastest = byRisk[0];
  if (fastest) {
    const reshipped = reshipEffect(fastest, situation);
    if (reshipped.lateProbability < current.lateProbability)
      actions.push(
        action('reship', reshipped, `send a new parcel today with ${fastest.service}`, fastest.service),
      );
  }
  actions.push(action('notify_only', current, 'keep the parcel as it is and keep the customer informed'));
  return actions.sort((a, b) => a.predicted.lateProbability - b.predicted.lateProbability);
}
