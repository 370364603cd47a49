import { z } from 'zod';
import { formatMoney } from '../domain/money';
import type { OrderStatus } from '../domain/order-status';
import { trackingUrl } from '../domain/tracking-numbers';
import { CARRIERS, type Carrier } from '../domain/tracking-status';
import type { OrderRecord, ShipmentRecord, TimelineRecord } from '../orders/order-read-model';
import { progressOf, type Progress } from './progress-stages';
import { isOrderStatus, statusLabel, type StatusLabel } from './status-labels';

/**
 * What a customer may see of an order: no address, no line prices, no internal notes, no reasons
 * typed by staff; the total they paid is theirs to see. Both the page and status.json are this view.
 */
export interface CustomerOrderView {
  orderId: string;
  externalId: string;
  /** The read model's version; the live stream's event ID. */
  version: number;
  status: { code: string } & StatusLabel;
  delayed: boolean;
  /** The carrier's (or our) current estimate; while delayed, only the revised estimate counts. */
  expectedDelivery: string | null;
  /** The date we promised (YYYY-MM-DD); null when the order has none or has settled. */
  promisedDelivery: string | null;
  /** The current predicted delivery window while the parcel is on its way; null before or after. */
  deliveryWindow: DeliveryWindowView | null;
  /** The parcel may arrive later than promised: the page says so, with the window. */
  atRisk: boolean;
  itemCount: number;
  /** What the customer paid, formatted ("$598.94"); null when the currency is unknown. */
  total: string | null;
  progress: Progress;
  shipments: CustomerShipment[];
  /** Newest first. */
  timeline: CustomerTimelineEntry[];
  updatedAt: string;
}

export interface DeliveryWindowView {
  /** Inclusive dates, YYYY-MM-DD. */
  from: string;
  to: string;
}

export interface CustomerShipment {
  carrier: string;
  carrierName: string;
  trackingNumber: string;
  trackingUrl: string | null;
}

export interface CustomerTimelineEntry {
  seq: number;
  at: string;
  title: string;
  /** The carrier's own words for a scan. */
  detail: string | null;
  location: string | null;
}

const CARRIER_NAMES = { ups: 'UPS', fedex: 'FedEx' } as const satisfies Record<Carrier, string>;

const isCarrier = (value: string): value is Carrier => (CARRIERS as readonly string[]).includes(value);

const orderLines = z.object({ lines: z.array(z.object({ quantity: z.number() })) });
const carrierDetails = z.object({
  tracking: z.object({
    rawDescription: z.string().optional(),
    location: z.string().optional(),
  }),
});
const trackingNumberDetails = z.object({ trackingNumber: z.string() });

/** pg returns timestamptz as Date, PGlite and JSON as strings. */
function toIso(value: unknown): string {
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}

function itemCountOf(order: unknown): number {
  const parsed = orderLines.safeParse(order);
  return parsed.success ? parsed.data.lines.reduce((sum, line) => sum + line.quantity, 0) : 0;
}

function customerShipment(shipment: ShipmentRecord): CustomerShipment {
  const known = isCarrier(shipment.carrier);
  return {
    carrier: shipment.carrier,
    carrierName: known ? CARRIER_NAMES[shipment.carrier as Carrier] : shipment.carrier,
    trackingNumber: shipment.trackingNumber,
    trackingUrl: known ? trackingUrl(shipment.carrier as Carrier, shipment.trackingNumber) : null,
  };
}

function titleOf(entry: TimelineRecord): string {
  if (entry.eventType === 'release') return 'Your order is moving again';
  if (entry.eventType === 'tracking_number_assigned') return 'Tracking number ready';
  if (entry.eventType === 'delivery_at_risk') return 'Delivery may be later than promised';
  if (entry.from !== entry.to) return statusLabel(entry.to).label;
  if (entry.eventType === 'carrier_update') return 'Carrier update';
  return 'Order updated';
}

function customerEntry(entry: TimelineRecord): CustomerTimelineEntry {
  let detail: string | null = null;
  let location: string | null = null;
  if (entry.eventType === 'carrier_update') {
    const parsed = carrierDetails.safeParse(entry.details);
    detail = parsed.success ? (parsed.data.tracking.rawDescription?.trim() ?? null) || null : null;
    location = parsed.success ? (parsed.data.tracking.location?.trim() ?? null) || null : null;
  } else if (entry.eventType === 'tracking_number_assigned') {
    const parsed = trackingNumberDetails.safeParse(entry.details);
    detail = parsed.success ? `Tracking number ${parsed.data.trackingNumber}` : null;
  }
  return { seq: entry.seq, at: toIso(entry.occurredAt), title: titleOf(entry), detail, location };
}

/** The status a paused or stopped order left: the `from` of the newest applied entry that led to it. */
function statusBefore(status: string, timeline: readonly TimelineRecord[]): OrderStatus | undefined {
  const entry = [...timeline]
    .sort((a, b) => b.seq - a.seq)
    .find((candidate) => candidate.applied && candidate.to === status && candidate.from !== status);
  return entry && isOrderStatus(entry.from) ? entry.from : undefined;
}

/** Forecast bookkeeping is not news for the customer: the window shows at the top instead. */
const INTERNAL_EVENTS: readonly string[] = [
  'delivery_predicted',
  'carrier_service_chosen',
  'recovery_applied',
];

const byNewest = (a: CustomerTimelineEntry, b: CustomerTimelineEntry) =>
  Date.parse(b.at) - Date.parse(a.at) || b.seq - a.seq;

/** The customer-safe view of an order, purely from its read-model records. */
export function toCustomerView(
  order: OrderRecord,
  timeline: readonly TimelineRecord[],
  shipments: readonly ShipmentRecord[],
): CustomerOrderView {
  const status = order.status;
  const settled = status === 'delivered' || status === 'cancelled' || status === 'returned_to_sender';
  const expectedDelivery = settled
    ? null
    : order.delayed
      ? order.estimatedDelivery
      : (order.estimatedDelivery ?? order.promisedDelivery);
  const deliveryWindow =
    !settled && order.predictedFrom && order.predictedTo
      ? { from: order.predictedFrom, to: order.predictedTo }
      : null;
  return {
    orderId: order.orderId,
    externalId: order.externalId,
    version: Number(order.version),
    status: { code: status, ...statusLabel(status) },
    delayed: order.delayed && !settled,
    expectedDelivery,
    promisedDelivery: settled ? null : order.promisedDelivery,
    deliveryWindow,
    atRisk: Boolean(order.atRisk) && deliveryWindow !== null,
    itemCount: itemCountOf(order.order),
    total: formatMoney(Number(order.totalMinor), order.currency) ?? null,
    progress: isOrderStatus(status)
      ? progressOf(status, statusBefore(status, timeline))
      : progressOf('received'),
    shipments: shipments.map(customerShipment),
    timeline: timeline
      .filter((entry) => entry.applied && !INTERNAL_EVENTS.includes(entry.eventType))
      .map(customerEntry)
      .sort(byNewest),
    updatedAt: toIso(order.updatedAt),
  };
}
