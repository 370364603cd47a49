import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { OrderActivities } from '../activities';
import type { CanonicalOrder } from '../domain/order';
import type { OrderEvent, OrderEventEnvelope, EventSource } from '../domain/order-events';
import {
  applyOrderEvent,
  initialOrderState,
  timelineByOccurrence,
  type ApplyResult,
  type OrderState,
} from '../domain/order-lifecycle';
import { isTerminal } from '../domain/order-status';
import {
  CarrierAttribute,
  OrderDelayedAttribute,
  OrderStatusAttribute,
  TrackingNumberAttribute,
} from '../temporal/search-attributes';
import {
  cancelUpdate,
  carrierUpdateSignal,
  fulfillmentEventUpdate,
  holdUpdate,
  inventoryRestockedSignal,
  orderViewQuery,
  releaseUpdate,
  timelineQuery,
  type EventResult,
  type FulfillmentEvent,
} from './messages';
import { toFailure, viewOf } from './order-view';

export interface OrderWorkflowInput {
  order: CanonicalOrder;
  /** How long a delivered order stays open for late carrier events such as a return. */
  deliveredRetentionMs?: number;
  /** State handed over by continue-as-new. */
  carried?: { state: OrderState; projectedVersion: number; restockPending: boolean };
}

const DEFAULT_DELIVERED_RETENTION_MS = 30 * 24 * 3600 * 1000;

const { reserveInventory, releaseInventory, recordShipment, projectOrder } = proxyActivities<OrderActivities>(
  {
    startToCloseTimeout: '30 seconds',
    // No attempt limit: a database outage delays the read model, it never loses an update.
    retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
  },
);

export async function orderWorkflow(input: OrderWorkflowInput): Promise<EventResult['order']> {
  const { order } = input;
  let state = input.carried?.state ?? initialOrderState(order.orderId, order.promisedDeliveryDate);
  let projectedVersion = input.carried?.projectedVersion ?? 0;
  let restockPending = input.carried?.restockPending ?? false;
  let reserving = false;
  let published = { status: '', delayed: false, trackingNumber: '' };

  const now = () => new Date().toISOString();
  const envelope = (event: OrderEvent, eventId: string, source: EventSource, occurredAt = now()) =>
    ({ eventId, occurredAt, source, event }) satisfies OrderEventEnvelope;
  const systemEvent = (event: OrderEvent) => envelope(event, `${event.type}@${state.version + 1}`, 'system');

  function publishSearchAttributes(): void {
    const current = {
      status: state.status,
      delayed: state.delayed,
      trackingNumber: state.shipment?.trackingNumber ?? '',
    };
    if (JSON.stringify(current) === JSON.stringify(published)) return;
    upsertSearchAttributes([
      { key: OrderStatusAttribute, value: current.status },
      { key: OrderDelayedAttribute, value: current.delayed },
      ...(state.shipment ? [{ key: CarrierAttribute, value: state.shipment.carrier }] : []),
      ...(current.trackingNumber ? [{ key: TrackingNumberAttribute, value: current.trackingNumber }] : []),
    ]);
    published = current;
  }

  function apply(next: OrderEventEnvelope): ApplyResult {
    const result = applyOrderEvent(state, next, now());
    state = result.state;
    if (result.outcome === 'applied') publishSearchAttributes();
    return result;
  }

  function applyOrFail(next: OrderEventEnvelope): ApplyResult {
    try {
      return apply(next);
    } catch (error) {
      throw toFailure(error);
    }
  }

  /** Update validators: reject what the lifecycle does not allow before it reaches history. */
  function assertAllowed(next: OrderEventEnvelope): void {
    if (state.appliedEventIds.includes(next.eventId)) return;
    try {
      applyOrderEvent(state, next, now());
    } catch (error) {
      throw toFailure(error);
    }
  }

  const fulfillmentEnvelope = (event: FulfillmentEvent) => {
    const { eventId, occurredAt, ...rest } = event;
    return envelope(rest, eventId, 'warehouse', occurredAt);
  };
  const answer = (result: ApplyResult): EventResult => ({ outcome: result.outcome, order: viewOf(state) });

  setHandler(orderViewQuery, () => viewOf(state));
  setHandler(timelineQuery, () => timelineByOccurrence(state.timeline));

  setHandler(
    fulfillmentEventUpdate,
    async (event) => {
      const result = applyOrFail(fulfillmentEnvelope(event));
      if (result.outcome === 'applied' && event.type === 'shipped') {
        const { trackingNumber } = await recordShipment({
          orderId: order.orderId,
          shipmentNo: 1,
          carrier: event.carrier,
          service: event.service,
        });
        apply(systemEvent({ type: 'tracking_number_assigned', trackingNumber }));
      }
      return answer(result);
    },
    { validator: (event) => assertAllowed(fulfillmentEnvelope(event)) },
  );

  const holdEnvelope = (request: { eventId: string; reason: string }) =>
    envelope({ type: 'hold', reason: request.reason }, request.eventId, 'ops');
  setHandler(holdUpdate, (request) => answer(applyOrFail(holdEnvelope(request))), {
    validator: (request) => {
      if (reserving && !state.appliedEventIds.includes(request.eventId)) {
        throw ApplicationFailure.create({
          type: 'InventoryCheckInProgress',
          message: 'The inventory check for this order is running; retry the hold in a moment.',
          nonRetryable: true,
        });
      }
      assertAllowed(holdEnvelope(request));
    },
  });

  const releaseEnvelope = (request: { eventId: string }) =>
    envelope({ type: 'release' }, request.eventId, 'ops');
  setHandler(releaseUpdate, (request) => answer(applyOrFail(releaseEnvelope(request))), {
    validator: (request) => assertAllowed(releaseEnvelope(request)),
  });

  const cancelEnvelope = (request: { eventId: string; reason: string; source?: EventSource }) =>
    envelope({ type: 'cancel', reason: request.reason }, request.eventId, request.source ?? 'ops');
  setHandler(cancelUpdate, (request) => answer(applyOrFail(cancelEnvelope(request))), {
    validator: (request) => assertAllowed(cancelEnvelope(request)),
  });

  setHandler(carrierUpdateSignal, (tracking) => {
    apply(envelope({ type: 'carrier_update', tracking }, tracking.eventId, 'carrier', tracking.occurredAt));
  });

  setHandler(inventoryRestockedSignal, () => {
    restockPending = true;
  });

  const needsReservation = () =>
    !reserving && (state.status === 'received' || (state.status === 'backordered' && restockPending));

  async function reserve(): Promise<void> {
    reserving = true;
    restockPending = false;
    try {
      const result = await reserveInventory({ orderId: order.orderId, lines: order.lines });
      // Cancelled while the check ran: whatever was reserved is released on the way out.
      if (state.status !== 'received' && state.status !== 'backordered') return;
      if (result.reserved) apply(systemEvent({ type: 'inventory_reserved' }));
      else if (state.status === 'received')
        apply(systemEvent({ type: 'backordered', shortages: result.shortages }));
    } finally {
      reserving = false;
    }
  }

  async function project(): Promise<void> {
    const version = state.version;
    const newEntries = state.timeline.filter((entry) => entry.seq > projectedVersion);
    await projectOrder({
      order,
      status: state.status,
      delayed: state.delayed,
      version,
      estimatedDelivery: state.estimatedDelivery,
      shipment: state.shipment,
      newEntries,
    });
    projectedVersion = Math.max(projectedVersion, version);
  }

  const deliveredAt = () => {
    const entry = [...state.timeline]
      .reverse()
      .find((item) => item.to === 'delivered' && item.from !== 'delivered');
    return entry ? Date.parse(entry.recordedAt) : Date.now();
  };
  const retentionMs = input.deliveredRetentionMs ?? DEFAULT_DELIVERED_RETENTION_MS;
  const hasWork = () =>
    projectedVersion < state.version ||
    needsReservation() ||
    isTerminal(state.status) ||
    workflowInfo().continueAsNewSuggested;

  publishSearchAttributes();
  for (;;) {
    if (state.status === 'delivered') {
      const remaining = deliveredAt() + retentionMs - Date.now();
      const woke =
        remaining > 0 && (await condition(() => hasWork() || state.status !== 'delivered', remaining));
      if (!woke) break;
    } else {
      await condition(hasWork);
    }
    if (projectedVersion < state.version) await project();
    else if (needsReservation()) await reserve();
    else if (isTerminal(state.status)) break;
    else if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await project();
      await continueAsNew<typeof orderWorkflow>({
        ...input,
        carried: { state, projectedVersion, restockPending },
      });
    }
  }

  if (state.status === 'cancelled') await releaseInventory({ orderId: order.orderId });
  await condition(allHandlersFinished);
  if (projectedVersion < state.version) await project();
  return viewOf(state);
}
