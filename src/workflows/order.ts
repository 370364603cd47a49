import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  proxyLocalActivities,
  sleep,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { OrderActivities } from '../activities';
import { nonRetryableErrorTypes } from '../carriers/http/errors';
import { nextPollDelay } from '../carriers/polling/next-poll-delay';
import type { CanonicalOrder } from '../domain/order';
import type { CarrierTrackingEvent } from '../domain/tracking-status';
import type { OrderEvent, OrderEventEnvelope, EventSource } from '../domain/order-events';
import {
  applyOrderEvent,
  initialOrderState,
  timelineByOccurrence,
  type ApplyResult,
  type OrderState,
} from '../domain/order-lifecycle';
import { isTerminal } from '../domain/order-status';
import { noticesFor, type OrderNotificationRequest } from '../domain/order-notices';
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

export interface OrderWorkflowSettings {
  /** How long a delivered order stays open for late carrier events such as a return. */
  deliveredRetentionMs?: number;
  /** Multiplies the carrier polling cadence (1 = real cadence; tests and demos shorten it). */
  trackingPollScale?: number;
}

interface CarriedState {
  state: OrderState;
  projectedVersion: number;
  restockPending: boolean;
  trackingRegistered: boolean;
  lastCarrierContactAt?: number;
}

export interface OrderWorkflowInput {
  order: CanonicalOrder;
  settings?: OrderWorkflowSettings;
  /** State handed over by continue-as-new. */
  carried?: CarriedState;
}

const DEFAULT_DELIVERED_RETENTION_MS = 30 * 24 * 3600 * 1000;

// No attempt limit: a database outage delays the read model, it never loses an update.
const UNTIL_IT_WORKS = {
  initialInterval: '200 milliseconds',
  backoffCoefficient: 2,
  maximumInterval: '30 seconds',
};

const { reserveInventory, releaseInventory, recordShipment } = proxyActivities<OrderActivities>({
  startToCloseTimeout: '30 seconds',
  retry: UNTIL_IT_WORKS,
});

// The read model write and the notice hand-over run as local activities: inside the workflow task
// that applied the event, without a round trip through the server's activity queue. This is what
// keeps a carrier event's way to the read model as short as a bare signal's.
const { projectOrder } = proxyLocalActivities<OrderActivities>({
  startToCloseTimeout: '10 seconds',
  retry: UNTIL_IT_WORKS,
});
// Bounded (about two and a half minutes): a notice Temporal keeps refusing must not hold up the order.
const { startCustomerNotices } = proxyLocalActivities<OrderActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { ...UNTIL_IT_WORKS, maximumAttempts: 12 },
});

// Carrier calls are best effort: a failed registration or poll is retried a little, then left to
// the next poll; webhooks keep the order moving meanwhile.
const { registerShipment, pollTracking } = proxyActivities<OrderActivities>({
  startToCloseTimeout: '60 seconds',
  retry: {
    initialInterval: '1 second',
    maximumAttempts: 3,
    nonRetryableErrorTypes: [...nonRetryableErrorTypes],
  },
});

export async function orderWorkflow(input: OrderWorkflowInput): Promise<EventResult['order']> {
  const { order } = input;
  let state = input.carried?.state ?? initialOrderState(order.orderId, order.promisedDeliveryDate);
  let projectedVersion = input.carried?.projectedVersion ?? 0;
  let restockPending = input.carried?.restockPending ?? false;
  let trackingRegistered = input.carried?.trackingRegistered ?? false;
  let lastCarrierContactAt = input.carried?.lastCarrierContactAt;
  const settings = input.settings ?? {};
  let reserving = false;
  const pendingNotices: OrderNotificationRequest[] = [];
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
    const before = state;
    const result = applyOrderEvent(state, next, now());
    state = result.state;
    if (result.outcome === 'applied') pendingNotices.push(...noticesFor(order, before, state, result.entry!));
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

  const applyCarrierEvent = (tracking: CarrierTrackingEvent) =>
    apply(envelope({ type: 'carrier_update', tracking }, tracking.eventId, 'carrier', tracking.occurredAt));

  setHandler(carrierUpdateSignal, (tracking) => {
    lastCarrierContactAt = Date.now();
    applyCarrierEvent(tracking);
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

  /** Customers' messages go to the notification service, which owns their delivery. */
  async function sendNotices(): Promise<void> {
    const notices = pendingNotices.splice(0);
    if (notices.length === 0) return;
    try {
      await startCustomerNotices(notices);
    } catch (error) {
      log.error('customer notices could not be handed to the notification service', {
        milestones: notices.map((notice) => notice.milestone),
        error: String(error),
      });
    }
  }

  const needsRegistration = () => !trackingRegistered && !!state.shipment?.trackingNumber;

  /** Links the tracking number with the carrier's system (subscription / shipment record). */
  async function register(): Promise<void> {
    const shipment = state.shipment!;
    try {
      await registerShipment({
        carrier: shipment.carrier,
        trackingNumber: shipment.trackingNumber!,
        service: shipment.service,
      });
    } catch (error) {
      log.warn('carrier registration failed; polling will still track the shipment', {
        error: String(error),
      });
    }
    trackingRegistered = true;
  }

  /** When the next poll is due, or undefined when the carrier has nothing more to tell. */
  function pollDueAt(): number | undefined {
    const shipment = state.shipment;
    if (!shipment?.trackingNumber || isTerminal(state.status) || state.status === 'delivered')
      return undefined;
    const delay = nextPollDelay({
      now: Date.now(),
      shippedAt: shipment.shippedAt,
      estimatedDelivery: state.estimatedDelivery,
      lastStatus: shipment.trackingStatus,
    });
    if (delay === null) return undefined;
    const since = Math.max(lastCarrierContactAt ?? 0, Date.parse(shipment.shippedAt) || 0);
    return since + delay * (settings.trackingPollScale ?? 1);
  }

  async function poll(): Promise<void> {
    const shipment = state.shipment!;
    lastCarrierContactAt = Date.now();
    try {
      const result = await pollTracking({
        carrier: shipment.carrier,
        trackingNumber: shipment.trackingNumber!,
      });
      for (const tracking of result.events) applyCarrierEvent(tracking);
    } catch (error) {
      log.warn('carrier poll failed; trying again at the next poll', { error: String(error) });
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
  const retentionMs = settings.deliveredRetentionMs ?? DEFAULT_DELIVERED_RETENTION_MS;
  const hasWork = () =>
    pendingNotices.length > 0 ||
    projectedVersion < state.version ||
    needsReservation() ||
    needsRegistration() ||
    isTerminal(state.status) ||
    workflowInfo().continueAsNewSuggested;
  /** The next timed wake-up: end of the delivered retention, or the next carrier poll. */
  const wakeAt = () => (state.status === 'delivered' ? deliveredAt() + retentionMs : pollDueAt());

  /**
   * One durable timer for the next timed check (carrier poll, end of the delivered retention). It is
   * re-armed only when it fires or must fire earlier, not on every event: a busy order does not
   * churn timers. When it fires, the loop looks again at what is due.
   */
  let alarm: { at: number; fired: boolean } | undefined;
  function armAlarm(at: number): void {
    if (alarm && !alarm.fired && alarm.at <= at) return;
    const armed = { at, fired: false };
    alarm = armed;
    void sleep(Math.max(1, at - Date.now())).then(() => {
      armed.fired = true;
    });
  }
  const alarmFired = () => alarm?.fired === true;

  publishSearchAttributes();
  for (;;) {
    const at = wakeAt();
    if (at !== undefined) armAlarm(at);
    await condition(() => hasWork() || alarmFired());
    if (projectedVersion < state.version) {
      // The read model first, then customers, then the search attributes (a visibility write).
      await project();
      await sendNotices();
      publishSearchAttributes();
    } else if (pendingNotices.length > 0) await sendNotices();
    else if (needsReservation()) await reserve();
    else if (needsRegistration()) await register();
    else if (isTerminal(state.status)) break;
    else if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await project();
      await sendNotices();
      await continueAsNew<typeof orderWorkflow>({
        ...input,
        carried: { state, projectedVersion, restockPending, trackingRegistered, lastCarrierContactAt },
      });
    } else if (alarmFired()) {
      alarm = undefined;
      const due = wakeAt();
      if (due === undefined || due > Date.now()) continue;
      if (state.status === 'delivered') break;
      await poll();
    }
  }

  if (state.status === 'cancelled') await releaseInventory({ orderId: order.orderId });
  await condition(allHandlersFinished);
  if (projectedVersion < state.version) await project();
  await sendNotices();
  publishSearchAttributes();
  return viewOf(state);
}
