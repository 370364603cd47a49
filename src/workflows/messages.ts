import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Carrier, CarrierTrackingEvent } from '../domain/tracking-status';
import type { ApplyOutcome, OrderState, TimelineEntry } from '../domain/order-lifecycle';

/** Warehouse fulfillment progress, as the warehouse system reports it. */
export type FulfillmentEvent =
  | { eventId: string; occurredAt?: string; type: 'picked' }
  | { eventId: string; occurredAt?: string; type: 'packed' }
  | { eventId: string; occurredAt?: string; type: 'shipped'; carrier: Carrier; service: string };

export interface HoldRequest {
  eventId: string;
  reason: string;
}
export interface ReleaseRequest {
  eventId: string;
}
export interface CancelRequest {
  eventId: string;
  reason: string;
  source?: 'ops' | 'customer' | 'channel';
}

export interface RestockNotice {
  eventId: string;
  sku: string;
}

export type OrderView = Omit<OrderState, 'timeline' | 'appliedEventIds'> & { timelineLength: number };

export interface EventResult {
  outcome: ApplyOutcome;
  order: OrderView;
}

export const fulfillmentEventUpdate = defineUpdate<EventResult, [FulfillmentEvent]>('fulfillmentEvent');
export const holdUpdate = defineUpdate<EventResult, [HoldRequest]>('hold');
export const releaseUpdate = defineUpdate<EventResult, [ReleaseRequest]>('release');
export const cancelUpdate = defineUpdate<EventResult, [CancelRequest]>('cancel');

/** Carrier updates are fire-and-forget: a webhook must not wait on the order. */
export const carrierUpdateSignal = defineSignal<[CarrierTrackingEvent]>('carrierUpdate');
export const inventoryRestockedSignal = defineSignal<[RestockNotice]>('inventoryRestocked');

export const orderViewQuery = defineQuery<OrderView>('order');
export const timelineQuery = defineQuery<TimelineEntry[]>('timeline');
