/**
 * The order workflow's contract, shared by the workflow and every client: task queue, workflow ID,
 * messages, search attributes, input and result types. Workflow code imports it, so it stays free of
 * Node and I/O modules.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CanonicalOrder } from '../../domain/order';
import type { ApplyOutcome, OrderState, TimelineEntry } from '../../domain/order-lifecycle';
import type { OrderReasonCode } from '../../domain/order-reasons';
import type { LanePrediction } from '../../domain/promise/delivery-forecast';
import type { DeliveryRiskPolicy } from '../../domain/promise/delivery-risk-policy';
import type { RecoveryActionKind, PredictedEffect } from '../../domain/promise/delivery-recovery';
import type { RiskMemory } from '../../domain/promise/order-risk';
import type { StageDeadlineSettings } from '../../domain/promise/stage-deadlines';
import type { Carrier, CarrierTrackingEvent } from '../../domain/tracking-status';

export const ORDERS_TASK_QUEUE = 'orders';
export const ORDER_WORKFLOW_TYPE = 'orderWorkflow';

const WORKFLOW_ID_PREFIX = 'order:';

/** One workflow per canonical order: the workflow ID is what makes a duplicate intake a no-op. */
export function orderWorkflowId(orderId: string): string {
  return `${WORKFLOW_ID_PREFIX}${orderId}`;
}

export function orderIdOfWorkflow(workflowId: string): string {
  return workflowId.startsWith(WORKFLOW_ID_PREFIX) ? workflowId.slice(WORKFLOW_ID_PREFIX.length) : workflowId;
}

// ---- Input and result ----

export interface OrderWorkflowSettings {
  /** How long a delivered order stays open for late carrier events such as a return. */
  deliveredRetentionMs?: number;
  /** Multiplies the carrier polling cadence (1 = real cadence; tests and demos shorten it). */
  trackingPollScale?: number;
  /** The order's stage deadlines and stall thresholds, fixed at admission; none, none are watched. */
  deadlines?: StageDeadlineSettings;
  /** When a forecast puts the order at risk, and whether the service may be chosen by prediction. */
  deliveryRisk?: DeliveryRiskPolicy;
  /** Timeline entries kept before only closing events are taken (default 500). */
  maxTimelineEntries?: number;
}

/** What the order remembers of its forecasts beyond its state (carried over continue-as-new). */
export interface ForecastMemory {
  /** The newest timeline entry (shipping, a scan) a forecast was made for. */
  checkedThroughSeq: number;
  /** The delivered shipment was added to the shipment history. */
  historyRecorded: boolean;
  /** The model's answers by lane (`carrier/service`), reused for a while (PREDICTION_REUSE_PATCH). */
  answers?: Record<string, LaneAnswer>;
}

/** What the model said for one lane, and when: null while no model had been trained. */
export interface LaneAnswer {
  askedAt: number;
  predicted: { modelVersion: number; prediction: LanePrediction } | null;
}

/** What one run hands the next over continue-as-new. */
export interface CarriedState {
  state: OrderState;
  projectedVersion: number;
  restockPending: boolean;
  trackingRegistered: boolean;
  lastCarrierContactAt?: number;
  /** Open exceptions and stall polls of an order whose deadlines are watched. */
  risk?: RiskMemory;
  forecast?: ForecastMemory;
}

export interface OrderWorkflowInput {
  order: CanonicalOrder;
  settings?: OrderWorkflowSettings;
  /** State handed over by continue-as-new. */
  carried?: CarriedState;
  /** ORDER_WORKFLOW_RELEASE when the order was started; absent on older orders. */
  release?: number;
}

/** What new orders are started with: which patched changes they run with from the start (release.ts). */
export const ORDER_WORKFLOW_RELEASE = 2;

export type OrderView = Omit<OrderState, 'timeline' | 'appliedEventIds'> & { timelineLength: number };

export interface StartOrderResult {
  orderId: string;
  workflowId: string;
  /** false when the order already existed (duplicate intake): nothing new was started. */
  created: boolean;
}

// ---- Messages ----

/** Warehouse fulfillment progress, as the warehouse system reports it. */
export type FulfillmentEvent =
  | { eventId: string; occurredAt?: string; type: 'picked' }
  | { eventId: string; occurredAt?: string; type: 'packed' }
  | { eventId: string; occurredAt?: string; type: 'shipped'; carrier: Carrier; service: string };

/**
 * Hold and cancel carry a reason code and an optional note for ops. `reason` is what callers sent
 * before reason codes: it is kept as the note, with the code `other`.
 */
export interface HoldRequest {
  eventId: string;
  reasonCode?: OrderReasonCode;
  note?: string;
  reason?: string;
}
export interface ReleaseRequest {
  eventId: string;
}
export interface CancelRequest {
  eventId: string;
  reasonCode?: OrderReasonCode;
  note?: string;
  reason?: string;
  source?: 'ops' | 'customer' | 'channel';
}

export interface RestockNotice {
  eventId: string;
  sku: string;
}

/** Ops apply one of the recovery actions recommended for an order at risk. */
export interface RecoveryRequest {
  eventId: string;
  action: RecoveryActionKind;
  /** The service to upgrade to or reship with. */
  service?: string;
  /** The effect predicted when it was recommended, kept in the timeline. */
  predicted: PredictedEffect;
  actor: string;
}

/** The failure type of a read-model write PostgreSQL refused for its data: not retried, recorded for ops. */
export const PROJECTION_REJECTED_FAILURE = 'ProjectionRejected';

export interface EventResult {
  outcome: ApplyOutcome;
  order: OrderView;
}

export const fulfillmentEventUpdate = defineUpdate<EventResult, [FulfillmentEvent]>('fulfillmentEvent');
export const holdUpdate = defineUpdate<EventResult, [HoldRequest]>('hold');
export const releaseUpdate = defineUpdate<EventResult, [ReleaseRequest]>('release');
export const cancelUpdate = defineUpdate<EventResult, [CancelRequest]>('cancel');
export const recoveryUpdate = defineUpdate<EventResult, [RecoveryRequest]>('applyRecovery');

/** Carrier updates are fire-and-forget: a webhook must not wait on the order. */
export const carrierUpdateSignal = defineSignal<[CarrierTrackingEvent]>('carrierUpdate');
/** Every new event of one carrier push for this order, oldest first: one workflow task for the push. */
export const carrierUpdatesSignal = defineSignal<[CarrierTrackingEvent[]]>('carrierUpdates');
export const inventoryRestockedSignal = defineSignal<[RestockNotice]>('inventoryRestocked');

export const orderViewQuery = defineQuery<OrderView>('order');
export const timelineQuery = defineQuery<TimelineEntry[]>('timeline');

// ---- Search attributes ----

/** Custom search attributes ops use in the Temporal UI; registered on the server at start. */
export const OrderStatusAttribute = defineSearchAttributeKey('OrderStatus', SearchAttributeType.KEYWORD);
export const OrderChannelAttribute = defineSearchAttributeKey('OrderChannel', SearchAttributeType.KEYWORD);
export const CustomerIdAttribute = defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD);
export const CarrierAttribute = defineSearchAttributeKey('Carrier', SearchAttributeType.KEYWORD);
export const TrackingNumberAttribute = defineSearchAttributeKey(
  'TrackingNumber',
  SearchAttributeType.KEYWORD,
);
export const OrderDelayedAttribute = defineSearchAttributeKey('OrderDelayed', SearchAttributeType.BOOL);

/** An open exception: a missed stage deadline or a stalled shipment; which stage, how late. */
export const OrderAtRiskAttribute = defineSearchAttributeKey('OrderAtRisk', SearchAttributeType.BOOL);
export const OrderRiskStageAttribute = defineSearchAttributeKey(
  'OrderRiskStage',
  SearchAttributeType.KEYWORD,
);
export const OrderLatenessMinutesAttribute = defineSearchAttributeKey(
  'OrderLatenessMinutes',
  SearchAttributeType.INT,
);

export const ORDER_SEARCH_ATTRIBUTES = [
  OrderStatusAttribute,
  OrderChannelAttribute,
  CustomerIdAttribute,
  CarrierAttribute,
  TrackingNumberAttribute,
  OrderDelayedAttribute,
  OrderAtRiskAttribute,
  OrderRiskStageAttribute,
  OrderLatenessMinutesAttribute,
];
