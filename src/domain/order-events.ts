import type { ForecastEvent } from './forecast-events';
import type { OrderReasonCode } from './order-reasons';
import type { Carrier, CarrierTrackingEvent } from './tracking-status';

export interface StockShortage {
  sku: string;
  requested: number;
  available: number;
}

export type OrderEvent =
  | { type: 'inventory_reserved' }
  | { type: 'backordered'; shortages: StockShortage[] }
  | { type: 'picked' }
  | { type: 'packed' }
  | { type: 'shipped'; carrier: Carrier; service: string }
  | { type: 'tracking_number_assigned'; trackingNumber: string }
  | { type: 'carrier_update'; tracking: CarrierTrackingEvent }
  | { type: 'hold'; reasonCode: OrderReasonCode; note?: string }
  | { type: 'release' }
  | { type: 'cancel'; reasonCode: OrderReasonCode; note?: string }
  | ShipmentStalledEvent
  | ForecastEvent;

/** No carrier scan for too long: the order is flagged delayed with a revised delivery date. */
export interface ShipmentStalledEvent {
  type: 'shipment_stalled';
  /** 1 when first found, 2 when escalated. */
  level: 1 | 2;
  trackingStatus: 'in_transit' | 'out_for_delivery';
  lastScanAt: string;
  revisedDelivery: string;
}

export type OrderEventType = OrderEvent['type'];

export const EVENT_SOURCES = ['system', 'warehouse', 'carrier', 'ops', 'channel', 'customer'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

/** Every event reaching an order carries a caller-chosen ID; a repeated ID changes nothing. */
export interface OrderEventEnvelope {
  eventId: string;
  /** When it happened at the source (ISO 8601). */
  occurredAt: string;
  source: EventSource;
  event: OrderEvent;
}
