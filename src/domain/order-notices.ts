import type { CanonicalOrder } from './order';
import { orderTotalMinor } from './order-totals';
import type { OrderState, TimelineEntry } from './order-lifecycle';
import { isOrderReasonCode, type OrderReasonCode } from './order-reasons';
import type { OrderStatus } from './order-status';

/**
 * What the order workflow hands the notification service. The notification side owns templates,
 * preferences, providers, retries and delivery records; this is the only shape both sides share.
 */
export const MILESTONES = [
  'order_confirmed',
  'backordered',
  'shipped',
  'out_for_delivery',
  'available_for_pickup',
  'delivered',
  'delivery_attempted',
  'delivery_failed',
  'returned_to_sender',
  'cancelled',
  'delayed',
  'shipment_stalled',
  'stall_escalated',
  'delivery_at_risk',
] as const;
export type Milestone = (typeof MILESTONES)[number];

export interface OrderNotificationRequest {
  orderId: string;
  /** The order-side event that caused this notice: (orderId, eventId) identifies it exactly. */
  eventId: string;
  milestone: Milestone;
  occurredAt: string;
  customer: {
    id: string;
    name: string;
    email?: string;
    phone?: string;
    locale: string;
    timeZone: string;
  };
  /** totalMinor and currency: what the customer paid (absent in notices handed over before they existed). */
  order: { externalId: string; channel: string; itemCount: number; totalMinor?: number; currency?: string };
  details: {
    carrier?: string;
    trackingNumber?: string;
    estimatedDelivery?: string;
    /** A carrier's own words (attempted, failed or returned deliveries); never a caller's text. */
    reason?: string;
    /** Why ops, the customer or the channel held or cancelled it; the templates say it in words. */
    reasonCode?: OrderReasonCode;
    /** The predicted delivery window (delivery_at_risk) and the date that was promised. */
    deliveryWindow?: { earliest: string; latest: string };
    promisedDelivery?: string;
  };
}

/** Workflow type name, started for each notice on the notifications task queue. */
export const NOTIFY_CUSTOMER_WORKFLOW = 'notifyCustomer';

export function notificationWorkflowId(orderId: string, eventId: string): string {
  return `notify:${orderId}:${eventId}`;
}

/** The customer-facing milestone an order reaching a status announces, if any. */
const STATUS_MILESTONES: Partial<Record<OrderStatus, Milestone>> = {
  reserved: 'order_confirmed',
  backordered: 'backordered',
  out_for_delivery: 'out_for_delivery',
  available_for_pickup: 'available_for_pickup',
  delivered: 'delivered',
  delivery_attempted: 'delivery_attempted',
  delivery_failed: 'delivery_failed',
  returned_to_sender: 'returned_to_sender',
  cancelled: 'cancelled',
};

/** A stalled shipment's notice: the first says it is late, the second that it is escalated. */
function stallMilestone(entry: TimelineEntry): { milestone: Milestone; eventId: string } {
  const milestone = entry.details.level === 2 ? 'stall_escalated' : 'shipment_stalled';
  return { milestone, eventId: entry.eventId };
}

/**
 * The notices one applied timeline entry calls for: a status milestone, "shipped" once the tracking
 * number exists (so the message can carry it), and "delayed" when the order newly became late.
 */
export function noticesFor(
  order: CanonicalOrder,
  before: OrderState,
  after: OrderState,
  entry: TimelineEntry,
): OrderNotificationRequest[] {
  const milestones: { milestone: Milestone; eventId: string }[] = [];
  const statusMilestone =
    entry.from !== entry.to || entry.to === 'delivery_attempted' ? STATUS_MILESTONES[entry.to] : undefined;
  if (entry.applied && statusMilestone)
    milestones.push({ milestone: statusMilestone, eventId: entry.eventId });
  if (entry.eventType === 'tracking_number_assigned')
    milestones.push({ milestone: 'shipped', eventId: entry.eventId });
  if (entry.eventType === 'delivery_at_risk')
    milestones.push({ milestone: 'delivery_at_risk', eventId: entry.eventId });
  if (entry.eventType === 'shipment_stalled') milestones.push(stallMilestone(entry));
  else if (after.delayed && !before.delayed)
    milestones.push({ milestone: 'delayed', eventId: `${entry.eventId}:delayed` });

  const reason = carrierReasonOf(entry);
  const reasonCode = isOrderReasonCode(entry.details.reasonCode) ? entry.details.reasonCode : undefined;
  return milestones.map(({ milestone, eventId }) => ({
    orderId: order.orderId,
    eventId,
    milestone,
    occurredAt: entry.occurredAt,
    customer: {
      id: order.customer.id,
      name: order.customer.name,
      ...(order.customer.email ? { email: order.customer.email } : {}),
      ...(order.customer.phone ? { phone: order.customer.phone } : {}),
      locale: order.customer.locale,
      timeZone: order.customer.timeZone,
    },
    order: {
      externalId: order.externalId,
      channel: order.channel,
      itemCount: order.lines.reduce((sum, line) => sum + line.quantity, 0),
      totalMinor: orderTotalMinor(order),
      currency: order.currency,
    },
    details: {
      ...(after.shipment ? { carrier: after.shipment.carrier } : {}),
      ...(after.shipment?.trackingNumber ? { trackingNumber: after.shipment.trackingNumber } : {}),
      ...(after.estimatedDelivery ? { estimatedDelivery: after.estimatedDelivery } : {}),
      ...(reason ? { reason } : {}),
      ...(reasonCode ? { reasonCode } : {}),
      ...atRiskDetails(entry, after),
    },
  }));
}

/** Text a caller typed (a hold or cancel note) never reaches a customer: only a carrier's reason does. */
function carrierReasonOf(entry: TimelineEntry): string | undefined {
  if (entry.eventType === 'hold' || entry.eventType === 'cancel') return undefined;
  const tracking = entry.details.tracking as { rawDescription?: string } | undefined;
  return typeof entry.details.reason === 'string' ? entry.details.reason : tracking?.rawDescription;
}

/** An at-risk notice carries the predicted window and the promise it may miss. */
function atRiskDetails(entry: TimelineEntry, after: OrderState): OrderNotificationRequest['details'] {
  if (entry.eventType !== 'delivery_at_risk') return {};
  const window = entry.details.window as { earliest: string; latest: string };
  return {
    deliveryWindow: { earliest: window.earliest, latest: window.latest },
    estimatedDelivery: String(entry.details.estimatedDate),
    ...(after.promisedDeliveryDate ? { promisedDelivery: after.promisedDeliveryDate } : {}),
  };
}
