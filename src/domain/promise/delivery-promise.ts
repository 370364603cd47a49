import type { CanonicalOrder } from '../order';
import {
  addBusinessDays,
  addDays,
  isBusinessDay,
  nextBusinessDayFrom,
  wallClockAt,
  type BusinessCalendar,
} from './business-calendar';
import { holidaysOf, policyFor, type PromiseConfig, type PromisePolicy } from './promise-policy';

/** Where an order's promised delivery date came from. */
export type PromiseSource = 'channel' | 'derived';

export interface DeliveryPromise {
  /** The promised delivery date (YYYY-MM-DD, the customer's calendar). */
  promisedDeliveryDate: string;
  source: PromiseSource;
  /** The day the parcel is to be handed to the carrier (YYYY-MM-DD, the warehouse's calendar). */
  shipDate: string;
}

export interface PromiseCalendars {
  shipping: BusinessCalendar;
  delivery: BusinessCalendar;
}

/**
 * The day an order placed at `placedAtMs` ships: that day when it is a business day and the order
 * came by the cut-off, otherwise the next business day.
 */
export function shipDateFor(placedAtMs: number, policy: PromisePolicy, shipping: BusinessCalendar): string {
  const local = wallClockAt(placedAtMs, policy.timeZone);
  const sameDay = isBusinessDay(local.date, shipping) && local.time < policy.orderCutOff;
  return sameDay ? local.date : nextBusinessDayFrom(addDays(local.date, 1), shipping);
}

/**
 * The delivery date a service level promises: the ship day plus its transit business days, counted
 * on the destination's calendar (a parcel shipped before a holiday there arrives after it).
 */
export function derivePromise(
  order: Pick<CanonicalOrder, 'placedAt' | 'serviceLevel'>,
  policy: PromisePolicy,
  calendars: PromiseCalendars,
): DeliveryPromise {
  const shipDate = shipDateFor(Date.parse(order.placedAt), policy, calendars.shipping);
  const transitDays = policy.transitBusinessDays[order.serviceLevel] ?? 0;
  const promisedDeliveryDate =
    transitDays === 0
      ? nextBusinessDayFrom(shipDate, calendars.delivery)
      : addBusinessDays(shipDate, transitDays, calendars.delivery);
  return { promisedDeliveryDate, source: 'derived', shipDate };
}

/** The order's promise: the channel's date when it gave one, else the one its service level makes. */
export function promiseFor(order: CanonicalOrder, config: PromiseConfig): DeliveryPromise {
  const policy = policyFor(config, order.channel, order.accountId);
  const calendars = {
    shipping: { holidays: holidaysOf(config, policy.shipFromCountry) },
    delivery: { holidays: holidaysOf(config, order.shippingAddress.country) },
  };
  const derived = derivePromise(order, policy, calendars);
  return order.promisedDeliveryDate
    ? { ...derived, promisedDeliveryDate: order.promisedDeliveryDate, source: 'channel' }
    : derived;
}
