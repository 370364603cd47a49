import type { SalesChannel, ServiceLevel } from '../domain/order';
import type { FieldProblem } from '../validation/field-problems';
import type { NotForFulfillment } from './not-for-fulfillment';

export type { FieldProblem };

export type AdapterResult<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/**
 * A channel's order after conversion but before its validation profile has normalized it: values
 * are as the channel gave them (country names, local phone numbers, masked or missing emails).
 */
export interface OrderDraft {
  channel: SalesChannel;
  accountId: string;
  externalId: string;
  placedAt: string;
  customer: {
    id: string;
    name: string;
    email?: string;
    phone?: string;
    locale?: string;
    timeZone?: string;
    tier?: string;
  };
  lines: Array<{ sku: string; name?: string; quantity: number; unitPriceMinor: number }>;
  currency: string;
  shippingAddress: {
    name: string;
    line1: string;
    line2?: string;
    city: string;
    region?: string;
    postalCode: string;
    country: string;
    phone?: string;
  };
  serviceLevel?: ServiceLevel;
  promisedDeliveryDate?: string;
  /**
   * The order's money as the channel states it, in minor units; the subtotal is the lines' sum when
   * the channel gives none. Absent: derived from the lines (no tax, shipping or discount).
   */
  reported?: ReportedTotals;
}

export interface ReportedTotals {
  subtotalMinor?: number;
  totalMinor: number;
  shippingMinor: number;
  taxMinor: number;
  discountMinor: number;
  taxIncluded?: boolean;
}

/** What a channel payload means for the order core. */
export type ChannelIntent =
  | { kind: 'order'; draft: OrderDraft; sourceVersion?: string }
  | { kind: 'cancellation'; accountId: string; externalId: string; reason: string }
  | { kind: 'deferred' | 'ignored'; accountId: string; externalId: string; reason: string }
  | ({ kind: 'not_for_fulfillment' } & Omit<NotForFulfillment, 'orderId' | 'channel'>);

/** Best-effort facts about a payload, used to prioritize its dead letter even when it cannot be parsed. */
export interface ImpactHints {
  accountId?: string;
  externalId?: string;
  valueMinor?: number;
  currency?: string;
  customerTier?: string;
  placedAt?: string;
}

export function problem(field: string, message: string): FieldProblem {
  return { field, message };
}
