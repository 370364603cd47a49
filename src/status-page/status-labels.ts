import { ORDER_STATUSES, type OrderStatus } from '../domain/order-status';

export interface StatusLabel {
  /** A few words, as the customer would say it. */
  label: string;
  /** One sentence on what it means for them. */
  description: string;
}

/** Every lifecycle status in the customer's words; `satisfies` keeps the list exhaustive. */
export const STATUS_LABELS = {
  received: { label: 'Order received', description: 'We have your order and are checking it.' },
  reserved: { label: 'Order confirmed', description: 'Your items are set aside for you.' },
  backordered: {
    label: 'Waiting for stock',
    description: 'Some items are on their way to our warehouse. We will ship as soon as they arrive.',
  },
  processing: { label: 'Being prepared', description: 'Our warehouse is picking your items.' },
  packed: { label: 'Packed', description: 'Your order is packed and waiting for the carrier.' },
  shipped: { label: 'Shipped', description: 'Your order is with the carrier.' },
  in_transit: { label: 'On its way', description: 'Your parcel is travelling to you.' },
  out_for_delivery: {
    label: 'Out for delivery',
    description: 'Your parcel is on the delivery vehicle and should arrive today.',
  },
  available_for_pickup: {
    label: 'Ready for pickup',
    description: 'Your parcel is waiting for you at the pickup point.',
  },
  delivery_attempted: {
    label: 'Delivery attempted',
    description: 'The carrier tried to deliver your parcel and will try again.',
  },
  delivery_failed: {
    label: 'Delivery problem',
    description: 'The carrier could not deliver your parcel. We are working on it with them.',
  },
  delivered: { label: 'Delivered', description: 'Your parcel has been delivered. Enjoy!' },
  returned_to_sender: {
    label: 'Returned to us',
    description: 'The parcel came back to us. Our customer service will be in touch.',
  },
  on_hold: {
    label: 'On hold',
    description: 'Your order is paused for a moment. We will continue as soon as we can.',
  },
  cancelled: { label: 'Cancelled', description: 'This order has been cancelled.' },
} as const satisfies Record<OrderStatus, StatusLabel>;

const FALLBACK: StatusLabel = { label: 'In progress', description: 'We are working on your order.' };

export function isOrderStatus(value: string): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value);
}

/** The label for a status as stored in the read model; a status this page does not know reads neutrally. */
export function statusLabel(status: string): StatusLabel {
  return isOrderStatus(status) ? STATUS_LABELS[status] : FALLBACK;
}
