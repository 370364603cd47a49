import type { CanonicalOrder } from '../../domain/order';
import type { OrderEvent, OrderEventEnvelope } from '../../domain/order-events';
import {
  applyOrderEvent,
  initialOrderState,
  type ApplyResult,
  type OrderState,
} from '../../domain/order-lifecycle';
import { noticesFor, type OrderNotificationRequest } from '../../domain/order-notices';
import type { CarrierTrackingEvent } from '../../domain/tracking-status';
import type { CarriedState, EventResult, OrderWorkflowInput, OrderWorkflowSettings } from './contract';
import { DeadlineWatch } from './deadlines';
import { assertRoomFor, carrierEventFits } from './event-bounds';
import { carrierEnvelope, now, systemEnvelope } from './envelopes';
import { ForecastWatch } from './forecast';
import { attributesHeld, KNOWN_ATTRIBUTES_PATCH, type PublishedAttributes } from './project';
import { patchCheckFor, type PatchCheck } from './release';
import { toFailure, viewOf } from './order-view';

/**
 * One run of an order: its lifecycle state, what has reached the read model and the carrier, and the
 * notices still to hand over. State changes only by applying events through the lifecycle table.
 */
export class OrderSession {
  readonly order: CanonicalOrder;
  readonly settings: OrderWorkflowSettings;
  state: OrderState;
  projectedVersion: number;
  restockPending: boolean;
  trackingRegistered: boolean;
  lastCarrierContactAt?: number;
  /** The inventory check is running. */
  reserving = false;
  /** Notices of applied events, not yet handed to the notification service. */
  readonly pendingNotices: OrderNotificationRequest[] = [];
  /** What this run last wrote to the search attributes. */
  publishedAttributes: PublishedAttributes;
  /** Stage deadlines and stalled-shipment checks (orders admitted with deadlines). */
  readonly deadlines: DeadlineWatch;
  /** Delivery forecasts, the at-risk warning and the shipment history row. */
  readonly forecast: ForecastWatch;
  /** Whether a patched change is in force for this order. */
  readonly uses: PatchCheck;

  constructor(input: OrderWorkflowInput) {
    const { order, carried } = input;
    this.order = order;
    this.settings = input.settings ?? {};
    this.state = carried?.state ?? initialOrderState(order.orderId, order.promisedDeliveryDate);
    this.projectedVersion = carried?.projectedVersion ?? 0;
    this.restockPending = carried?.restockPending ?? false;
    this.trackingRegistered = carried?.trackingRegistered ?? false;
    this.lastCarrierContactAt = carried?.lastCarrierContactAt;
    this.uses = patchCheckFor(input.release);
    this.publishedAttributes = this.uses(KNOWN_ATTRIBUTES_PATCH)
      ? attributesHeld()
      : { status: '', delayed: false, trackingNumber: '' };
    this.deadlines = new DeadlineWatch(this.settings, this.uses, carried?.risk);
    this.forecast = new ForecastWatch(this.settings, this.uses, carried?.forecast);
  }

  apply(next: OrderEventEnvelope): ApplyResult {
    const before = this.state;
    const result = applyOrderEvent(this.state, next, now());
    this.state = result.state;
    if (result.outcome === 'applied')
      this.pendingNotices.push(...noticesFor(this.order, before, this.state, result.entry!));
    return result;
  }

  /** Applies a message's event; a refusal leaves as a typed failure the API turns into a 409. */
  applyOrFail(next: OrderEventEnvelope): ApplyResult {
    try {
      return this.apply(next);
    } catch (error) {
      throw toFailure(error);
    }
  }

  /** Update validators: reject what the lifecycle does not allow, or what the order has no room for, before it reaches history. */
  assertAllowed(next: OrderEventEnvelope): void {
    if (this.isApplied(next.eventId)) return;
    let result: ApplyResult;
    try {
      result = applyOrderEvent(this.state, next, now());
    } catch (error) {
      throw toFailure(error);
    }
    assertRoomFor(this.state, result, this.settings);
  }

  applySystemEvent(event: OrderEvent): ApplyResult {
    return this.apply(systemEnvelope(event, this.state.appliedEventIds));
  }

  applyCarrierEvent(tracking: CarrierTrackingEvent): ApplyResult {
    const next = carrierEnvelope(tracking);
    // At the bound, an event that would not close the order is dropped, like a repeat.
    if (!carrierEventFits(this.state, next, this.settings, this.uses))
      return { outcome: 'duplicate', state: this.state };
    return this.apply(next);
  }

  isApplied(eventId: string): boolean {
    return this.state.appliedEventIds.includes(eventId);
  }

  answer(result: ApplyResult): EventResult {
    return { outcome: result.outcome, order: viewOf(this.state) };
  }

  get readModelBehind(): boolean {
    return this.projectedVersion < this.state.version;
  }

  carried(): CarriedState {
    const { state, projectedVersion, restockPending, trackingRegistered, lastCarrierContactAt } = this;
    const risk = this.deadlines.carried();
    const forecast = this.forecast.carried();
    return {
      ...{ state, projectedVersion, restockPending, trackingRegistered, lastCarrierContactAt },
      ...(risk ? { risk } : {}),
      ...(forecast ? { forecast } : {}),
    };
  }
}
