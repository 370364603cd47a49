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
  order: { externalId: string; channel: string; itemCount: number };
  details: {
    carrier?: string;
    trackingNumber?: string;
    estimatedDelivery?: string;
    reason?: string;
  };
}

/** Workflow type name, started by the order workflow as a child on the notifications task queue. */
export const NOTIFY_CUSTOMER_WORKFLOW = 'notifyCustomer';

export function notificationWorkflowId(orderId: string, eventId: string): string {
  return `notify:${orderId}:${eventId}`;
}
