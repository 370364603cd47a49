import { z } from 'zod';
import { constantTimeEqual } from '../../security/constant-time';
import {
  amazonOrderItemSchema,
  amazonOrderSchema,
  getOrder,
  getOrderItems,
  type AmazonOrder,
  type AmazonOrderItem,
} from '../channel-apis/amazon-sp-api';
import { toMinorUnits } from '../money';
import { Rejection } from '../outcome';
import {
  problem,
  type AdapterResult,
  type ChannelIntent,
  type ImpactHints,
  type OrderDraft,
  type ReportedTotals,
} from '../types';
import {
  bearer,
  json,
  notAnOrder,
  requireAccount,
  trusted,
  unwrap,
  type ChannelHandler,
} from './channel-handler';
import { minorOrNaN, parsePayload, peekText, serviceLevelFromLabel, unitPriceOf } from './common';

const notificationIdSchema = z.string().regex(/^[\x21-\x7e]{1,128}$/, 'must be a printable notification ID');

/** The envelope every SP-API notification has, whatever its type. */
const amazonEnvelopeSchema = z.object({
  NotificationType: z.string().min(1).max(128),
  NotificationMetadata: z.object({ NotificationId: notificationIdSchema }),
});

/** SP-API ORDER_CHANGE notification (the fields the intake reads). */
export const amazonNotificationSchema = z.object({
  NotificationType: z.literal('ORDER_CHANGE'),
  EventTime: z.string().optional(),
  Payload: z.object({
    OrderChangeNotification: z.object({
      SellerId: z.string().regex(/^[A-Z0-9]{6,32}$/, 'must be an Amazon seller ID'),
      AmazonOrderId: z
        .string()
        .regex(/^\d{3}-\d{7}-\d{7}$/, 'must be an Amazon order ID such as 113-4720185-3390661'),
      OrderChangeType: z.string().optional(),
      Summary: z.object({ OrderStatus: z.string().optional() }).passthrough().optional(),
    }),
  }),
  NotificationMetadata: z.object({
    NotificationId: notificationIdSchema,
    PublishTime: z.string().optional(),
  }),
});

/** Seller and order are named by ORDER_CHANGE notifications only. */
export interface AmazonNotification {
  type: string;
  notificationId: string;
  sellerId?: string;
  amazonOrderId?: string;
  eventTime?: string;
}

/** A notification of any type; only ORDER_CHANGE is read further (the others are acknowledged). */
export function parseAmazonNotification(payload: unknown): AdapterResult<AmazonNotification> {
  const envelope = parsePayload(amazonEnvelopeSchema, payload, 'body');
  if (!envelope.ok) return envelope;
  const { NotificationType: type, NotificationMetadata: metadata } = envelope.value;
  if (type !== 'ORDER_CHANGE') return { ok: true, value: { type, notificationId: metadata.NotificationId } };
  const parsed = parsePayload(amazonNotificationSchema, payload, 'body');
  if (!parsed.ok) return parsed;
  const change = parsed.value.Payload.OrderChangeNotification;
  const eventTime = parsed.value.EventTime;
  return {
    ok: true,
    value: {
      type,
      notificationId: parsed.value.NotificationMetadata.NotificationId,
      sellerId: change.SellerId,
      amazonOrderId: change.AmazonOrderId,
      ...(eventTime ? { eventTime } : {}),
    },
  };
}

function fulfilledByAmazon(sellerId: string, order: AmazonOrder): ChannelIntent {
  const currency = order.OrderTotal?.CurrencyCode;
  const totalMinor = currency ? toMinorUnits(order.OrderTotal?.Amount, currency) : undefined;
  return {
    kind: 'not_for_fulfillment',
    accountId: sellerId,
    externalId: order.AmazonOrderId,
    fulfilledBy: 'marketplace',
    reason: `Amazon fulfils this order (FulfillmentChannel AFN, OrderStatus ${order.OrderStatus})`,
    ...(totalMinor !== undefined && currency ? { totalMinor, currency } : {}),
  };
}

/** What an order's status says before its items matter: cancelled, Amazon's to ship, not yet shippable. */
function amazonNotice(sellerId: string, order: AmazonOrder): ChannelIntent | undefined {
  const base = { accountId: sellerId, externalId: order.AmazonOrderId };
  if (order.OrderStatus === 'Canceled')
    return { kind: 'cancellation', ...base, reason: 'Amazon OrderStatus Canceled' };
  if (order.OrderStatus === 'Unfulfillable')
    return { kind: 'ignored', ...base, reason: 'Amazon fulfils this order (Unfulfillable)' };
  if (order.FulfillmentChannel === 'AFN') return fulfilledByAmazon(sellerId, order);
  // Amazon withholds address and payment until the order is Unshipped; a later notification starts it.
  if (order.OrderStatus === 'Pending' || order.OrderStatus === 'PendingAvailability')
    return { kind: 'deferred', ...base, reason: `Amazon OrderStatus ${order.OrderStatus}` };
  return undefined;
}

/** An SP-API order and its items → what it means for the order core, by OrderStatus. */
export function amazonToIntent(
  sellerId: string,
  orderPayload: unknown,
  itemsPayload: unknown,
): AdapterResult<ChannelIntent> {
  const parsedOrder = parsePayload(amazonOrderSchema, orderPayload, 'order');
  if (!parsedOrder.ok) return parsedOrder;
  const order = parsedOrder.value;
  const notice = amazonNotice(sellerId, order);
  if (notice) return { ok: true, value: notice };
  const items = parsePayload(z.array(amazonOrderItemSchema), itemsPayload, 'orderItems');
  if (!items.ok) return items;
  if (!order.ShippingAddress)
    return { ok: false, problems: [problem('order.ShippingAddress', 'is required to ship the order')] };
  return {
    ok: true,
    value: {
      kind: 'order',
      ...(order.LastUpdateDate ? { sourceVersion: order.LastUpdateDate } : {}),
      draft: amazonDraft(sellerId, order, order.ShippingAddress, items.value),
    },
  };
}

type AmazonAddress = NonNullable<AmazonOrder['ShippingAddress']>;

function amazonDraft(
  sellerId: string,
  order: AmazonOrder,
  address: AmazonAddress,
  items: AmazonOrderItem[],
): OrderDraft {
  const externalId = order.AmazonOrderId;
  const currency = order.OrderTotal?.CurrencyCode ?? items[0]?.ItemPrice?.CurrencyCode ?? '';
  const tier =
    order.IsPremiumOrder || order.IsPrime ? 'prime' : order.IsBusinessOrder ? 'business' : undefined;
  return {
    channel: 'amazon',
    accountId: sellerId,
    externalId,
    placedAt: order.PurchaseDate,
    customer: {
      // Amazon shares no stable buyer ID with sellers; the order is the customer's only handle.
      id: `buyer-${externalId}`,
      name: order.BuyerInfo?.BuyerName ?? address.Name ?? '',
      email: order.BuyerInfo?.BuyerEmail ?? undefined,
      phone: address.Phone ?? undefined,
      ...(tier ? { tier } : {}),
    },
    lines: items.map((item) => ({
      sku: item.SellerSKU ?? item.ASIN,
      name: item.Title ?? undefined,
      quantity: item.QuantityOrdered,
      unitPriceMinor: unitPriceOf(amountMinor(item.ItemPrice, currency), item.QuantityOrdered),
    })),
    currency,
    shippingAddress: {
      name: address.Name ?? '',
      line1: address.AddressLine1 ?? '',
      line2: address.AddressLine2 ?? undefined,
      city: address.City ?? '',
      region: address.StateOrRegion ?? undefined,
      postalCode: address.PostalCode ?? '',
      country: address.CountryCode ?? '',
    },
    serviceLevel: serviceLevelFromLabel(order.ShipmentServiceLevelCategory ?? order.ShipServiceLevel),
    ...(order.LatestDeliveryDate ? { promisedDeliveryDate: order.LatestDeliveryDate.slice(0, 10) } : {}),
    ...(order.OrderTotal ? { reported: amazonTotals(order.OrderTotal, items, currency) } : {}),
  };
}

/** Amazon money in minor units; an absent amount is 0. */
function amountMinor(money: { Amount: string } | undefined, currency: string): number {
  return money ? minorOrNaN(money.Amount, currency) : 0;
}

function amazonTotals(
  orderTotal: { Amount: string },
  items: AmazonOrderItem[],
  currency: string,
): ReportedTotals {
  const sum = (pick: (item: AmazonOrderItem) => { Amount: string } | undefined): number =>
    items.reduce((total, item) => total + amountMinor(pick(item), currency), 0);
  return {
    subtotalMinor: sum((item) => item.ItemPrice),
    totalMinor: amountMinor(orderTotal, currency),
    shippingMinor: sum((item) => item.ShippingPrice) - sum((item) => item.ShippingDiscount),
    taxMinor: sum((item) => item.ItemTax) + sum((item) => item.ShippingTax),
    discountMinor: sum((item) => item.PromotionDiscount),
  };
}

export function amazonImpactHints(payload: unknown): ImpactHints {
  const summary = 'Payload.OrderChangeNotification';
  return {
    accountId: peekText(payload, `${summary}.SellerId`),
    externalId: peekText(payload, `${summary}.AmazonOrderId`),
    placedAt: peekText(payload, `${summary}.Summary.PurchaseDate`),
  };
}

const STATUSES_WITH_ITEMS = new Set(['Unshipped', 'PartiallyShipped', 'Shipped', 'InvoiceUnconfirmed']);

/** Notifications that name no seller of ours (other types) are counted under this account. */
const ANY_SELLER = '*';

/** SP-API notifications relayed from SQS/EventBridge; the order itself is fetched from the Orders API. */
export const amazonChannel: ChannelHandler = {
  via: 'webhook',
  replayHeaders: [],
  async open(delivery, { config }) {
    const token = config.amazon.notificationToken;
    if (token && !trusted(delivery) && !constantTimeEqual(token, bearer(delivery.headers) ?? '')) {
      throw new Rejection('verification', [
        problem('header:authorization', 'is not the notification relay token'),
      ]);
    }
    const payload = json(delivery);
    const notification = unwrap(parseAmazonNotification(payload));
    const deliveryId = notification.notificationId;
    if (notification.sellerId === undefined) {
      const notAnOrder = `notification type ${notification.type} is not an order intake`;
      return { accountId: ANY_SELLER, deliveryId, payload, hints: {}, notAnOrder };
    }
    requireAccount(config.amazon.sellers, notification.sellerId, 'Amazon seller');
    const hints = amazonImpactHints(payload);
    return {
      accountId: notification.sellerId,
      deliveryId,
      payload,
      hints,
      reference: notification.amazonOrderId,
    };
  },
  // The notification only says that the order changed; the order itself comes from getOrder.
  async interpret(opened, _delivery, { config }) {
    const ignored = notAnOrder(opened);
    if (ignored) return ignored;
    const account = requireAccount(config.amazon.sellers, opened.accountId, 'Amazon seller');
    const order = (await getOrder(account, opened.reference ?? '')) as {
      OrderStatus?: unknown;
      FulfillmentChannel?: unknown;
    };
    const sellerShips =
      typeof order.OrderStatus === 'string' &&
      STATUSES_WITH_ITEMS.has(order.OrderStatus) &&
      order.FulfillmentChannel !== 'AFN';
    const items = sellerShips ? await getOrderItems(account, opened.reference ?? '') : [];
    return unwrap(amazonToIntent(opened.accountId, order, items), 'parsing');
  },
};
