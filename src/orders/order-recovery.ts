import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Queryable } from '../db/database';
import type { SalesChannel } from '../domain/order';
import type { DeliveryForecast } from '../domain/promise/delivery-forecast';
import {
  recommendRecovery,
  type RecoveryAction,
  type RecoveryActionKind,
  type ServiceOutlook,
} from '../domain/promise/delivery-recovery';
import { deliveryRiskPolicyFor, type DeliveryRiskConfig } from '../domain/promise/delivery-risk-policy';
import type { LatestModelPredictor } from '../prediction/latest-model-predictor';
import type { EventResult } from '../workflows/order/contract';
import { processDeliveryRiskConfig } from './delivery-risk-config-source';
import { applyRecovery, queryOrderView } from './order-client';
import { findOrder } from './order-read-model';

/** Ops' view of an order at risk: the promise, the current forecast and what they could do about it. */
export interface RecoveryOptions {
  orderId: string;
  status: string;
  atRisk: boolean;
  promisedDelivery: string;
  carrier: string;
  service: string;
  forecast: DeliveryForecast;
  /** Best first (lowest predicted late probability). */
  actions: RecoveryAction[];
}

export type RecoveryLookup =
  | { found: 'order_not_found' }
  | { found: 'no_forecast'; status: string }
  | { found: 'options'; options: RecoveryOptions };

export interface RecoveryDeps {
  db: Queryable;
  client: Client;
  predictor: Pick<LatestModelPredictor, 'predict'>;
  /** The accounts' services to recover with; this process's configuration when absent. */
  riskConfig?: DeliveryRiskConfig;
}

const destination = z.object({ shippingAddress: z.object({ country: z.string() }) });

/** The workflow owns the forecast; the read model has the order's account and destination. */
export async function findRecoveryOptions(deps: RecoveryDeps, orderId: string): Promise<RecoveryLookup> {
  const view = await queryOrderView(deps.client, orderId);
  const record = await findOrder(deps.db, orderId);
  const order = destination.safeParse(record?.order);
  if (!record || !order.success) return { found: 'order_not_found' };
  const promisedDate = record.promisedDelivery;
  const forecast = view.deliveryForecast;
  const shipment = view.shipment;
  if (!forecast || !shipment || !promisedDate) return { found: 'no_forecast', status: view.status };

  const policy = deliveryRiskPolicyFor(
    deps.riskConfig ?? processDeliveryRiskConfig(),
    record.channel as SalesChannel,
    record.accountId,
  );
  const services = [...new Set([shipment.service, ...(policy.services[shipment.carrier] ?? [])])];
  const outlooks: ServiceOutlook[] = [];
  for (const service of services) {
    const predicted = await deps.predictor.predict({
      carrier: shipment.carrier,
      service,
      deliveryTerms: null,
      originRegion: null,
      destinationRegion: order.data.shippingAddress.country,
      promisedDate,
    });
    if (predicted) outlooks.push({ service, modelVersion: predicted.modelVersion, ...predicted.prediction });
  }
  const actions = recommendRecovery({
    current: forecast,
    currentService: shipment.service,
    promisedDate,
    shippedOn: shipment.shippedAt.slice(0, 10),
    today: new Date().toISOString().slice(0, 10),
    outlooks,
  });
  return {
    found: 'options',
    options: {
      orderId,
      status: view.status,
      atRisk: view.atRisk ?? false,
      promisedDelivery: promisedDate,
      carrier: shipment.carrier,
      service: shipment.service,
      forecast,
      actions,
    },
  };
}

export interface RecoveryChoice {
  eventId: string;
  action: RecoveryActionKind;
  service?: string;
  actor: string;
}

export type RecoveryOutcome =
  | { applied: false; lookup: Exclude<RecoveryLookup, { found: 'options' }> }
  | { applied: false; notRecommended: RecoveryAction[] }
  | { applied: true; recommended: RecoveryAction; result: EventResult };

/**
 * Applies one of the actions recommended now, with the effect predicted for it; the workflow's
 * update validates it (the order must be at risk and in flight, the service one the account has).
 */
export async function applyRecommendedRecovery(
  deps: RecoveryDeps,
  orderId: string,
  choice: RecoveryChoice,
): Promise<RecoveryOutcome> {
  const lookup = await findRecoveryOptions(deps, orderId);
  if (lookup.found !== 'options') return { applied: false, lookup };
  const { actions } = lookup.options;
  const recommended = actions.find(
    (candidate) =>
      candidate.action === choice.action &&
      (choice.service === undefined || candidate.service === choice.service),
  );
  if (!recommended) return { applied: false, notRecommended: actions };
  const result = await applyRecovery(deps.client, orderId, {
    eventId: choice.eventId,
    action: recommended.action,
    ...(recommended.service ? { service: recommended.service } : {}),
    predicted: recommended.predicted,
    actor: choice.actor,
  });
  return { applied: true, recommended, result };
}
