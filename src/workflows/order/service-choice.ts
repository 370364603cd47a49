import { chooseServiceForPromise, type ServiceOutlook } from '../../domain/promise/delivery-recovery';
import { predictFor } from './forecast';
import type { OrderSession } from './order-session';

/**
 * At shipping, when the account's rule says so, the service predicted to meet the promise ships the
 * order instead of the requested one (from the services configured for the account); the choice and
 * its reason go into the timeline. Without the rule, a promise or a model, the requested one ships.
 */
export async function chooseShippingService(session: OrderSession, requested: string): Promise<string> {
  const { enabled, policy } = session.forecast;
  const shipment = session.state.shipment;
  const promisedDate = session.order.promisedDeliveryDate;
  if (!enabled || !policy.chooseServiceByPrediction || !shipment || !promisedDate) return requested;
  const services = [...new Set([requested, ...(policy.services[shipment.carrier] ?? [])])];
  const outlooks: ServiceOutlook[] = [];
  for (const service of services) {
    const predicted = await predictFor(session, service);
    if (predicted) outlooks.push({ service, modelVersion: predicted.modelVersion, ...predicted.prediction });
  }
  if (outlooks.length === 0) return requested;
  const choice = chooseServiceForPromise(requested, outlooks, promisedDate, policy.atRiskThreshold);
  session.applySystemEvent({
    type: 'carrier_service_chosen',
    requested,
    chosen: choice.service,
    reason: choice.reason,
    ...(choice.outlook ? { lateProbability: choice.outlook.lateProbability } : {}),
  });
  return choice.service;
}
