import { z } from 'zod';
import { toMinorUnits } from '../money';
import { problem, type AdapterResult, type ChannelIntent, type ImpactHints } from '../types';
import { optionalText, peekText, serviceLevelFromLabel, zodProblems } from './common';

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

export type AmazonNotification =
  | {
      type: 'ORDER_CHANGE';
      notificationId: string;
      sellerId: string;
      amazonOrderId: string;
      eventTime?: string;
    }
  | { type: string; notificationId: string; sellerId?: undefined; amazonOrderId?: undefined };

const moneySchema = z.object({ CurrencyCode: z.string(), Amount: z.string() });

/** getOrder payload (Orders API v0). */
export const amazonOrderSchema = z.object({
  AmazonOrderId: z.string(),
  PurchaseDate: z.string(),
  LastUpdateDate: z.string().optional(),
  OrderStatus: z.enum([
    'PendingAvailability',
    'Pending',
    'Unshipped',
    'PartiallyShipped',
    'Shipped',
    'InvoiceUnconfirmed',
    'Canceled',
    'Unfulfillable',
  ]),
  OrderTotal: moneySchema.optional(),
  /** AFN: Fulfilled by Amazon; MFN: the seller ships. */
  FulfillmentChannel: z.enum(['AFN', 'MFN']).optional(),
  ShipmentServiceLevelCategory: optionalText,
  ShipServiceLevel: optionalText,
  LatestDeliveryDate: optionalText,
  IsPrime: z.boolean().optional(),
  IsBusinessOrder: z.boolean().optional(),
  IsPremiumOrder: z.boolean().optional(),
  BuyerInfo: z.object({ BuyerEmail: optionalText, BuyerName: optionalText }).partial().nullish(),
  ShippingAddress: z
    .object({
      Name: optionalText,
      AddressLine1: optionalText,
      AddressLine2: optionalText,
      City: optionalText,
      StateOrRegion: optionalText,
      PostalCode: optionalText,
      CountryCode: optionalText,
      Phone: optionalText,
    })
    .nullish(),
});
export type AmazonOrder = z.infer<typeof amazonOrderSchema>;

/** getOrderItems payload items. ItemPrice is for the whole quantity, not per unit. */
export const amazonOrderItemSchema = z.object({
  SellerSKU: optionalText,
  ASIN: z.string(),
  Title: optionalText,
  QuantityOrdered: z.number().int(),
  ItemPrice: moneySchema.optional(),
  ShippingPrice: moneySchema.optional(),
  ItemTax: moneySchema.optional(),
  ShippingTax: moneySchema.optional(),
  PromotionDiscount: moneySchema.optional(),
  ShippingDiscount: moneySchema.optional(),
});
export type AmazonOrderItem = z.infer<typeof amazonOrderItemSchema>;

/** A notification of any type; only ORDER_CHANGE is read further (the others are acknowledged). */
export function parseAmazonNotification(payload: unknown): AdapterResult<AmazonNotification> {
  const envelope = amazonEnvelopeSchema.safeParse(payload);
  if (!envelope.success) return { ok: false, problems: zodProblems(envelope.error, 'body.') };
  const { NotificationType: type, NotificationMetadata: metadata } = envelope.data;
  if (type !== 'ORDER_CHANGE') return { ok: true, value: { type, notificationId: metadata.NotificationId } };
  const parsed = amazonNotificationSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error, 'body.') };
  const change = parsed.data.Payload.OrderChangeNotification;
  return {
    ok: true,
    value: {
      type,
      notificationId: parsed.data.NotificationMetadata.NotificationId,
      sellerId: change.SellerId,
      amazonOrderId: change.AmazonOrderId,
      ...(parsed.data.EventTime ? { eventTime: parsed.data.EventTime } : {}),
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

/** An SP-API order and its items → what it means for the order core, by OrderStatus. */
export function amazonToIntent(
  sellerId: string,
  orderPayload: unknown,
  itemsPayload: unknown,
): AdapterResult<ChannelIntent> {
  const orderParsed = amazonOrderSchema.safeParse(orderPayload);
  if (!orderParsed.success) return { ok: false, problems: zodProblems(orderParsed.error, 'order.') };
  const order = orderParsed.data;
  const externalId = order.AmazonOrderId;
  const base = { accountId: sellerId, externalId };
  switch (order.OrderStatus) {
    case 'Canceled':
      return { ok: true, value: { kind: 'cancellation', ...base, reason: 'Amazon OrderStatus Canceled' } };
    case 'Unfulfillable':
      return {
        ok: true,
        value: { kind: 'ignored', ...base, reason: 'Amazon fulfils this order (Unfulfillable)' },
      };
    default:
      break;
  }
  if (order.FulfillmentChannel === 'AFN') return { ok: true, value: fulfilledByAmazon(sellerId, order) };
  switch (order.OrderStatus) {
    case 'Pending':
    case 'PendingAvailability':
      // Amazon withholds address and payment until the order is Unshipped; a later notification starts it.
      return {
        ok: true,
        value: { kind: 'deferred', ...base, reason: `Amazon OrderStatus ${order.OrderStatus}` },
      };
    default:
      break;
  }
  const itemsParsed = z.array(amazonOrderItemSchema).safeParse(itemsPayload);
  if (!itemsParsed.success) return { ok: false, problems: zodProblems(itemsParsed.error, 'orderItems.') };
  const items = itemsParsed.data;
  const currency = order.OrderTotal?.CurrencyCode ?? items[0]?.ItemPrice?.CurrencyCode ?? '';
  const minor = (money: { Amount: string } | undefined): number =>
    money ? (toMinorUnits(money.Amount, currency) ?? Number.NaN) : 0;
  const sum = (pick: (item: AmazonOrderItem) => { Amount: string } | undefined): number =>
    items.reduce((total, item) => total + minor(pick(item)), 0);
  const address = order.ShippingAddress;
  if (!address)
    return { ok: false, problems: [problem('order.ShippingAddress', 'is required to ship the order')] };
  const tier =
    order.IsPremiumOrder || order.IsPrime ? 'prime' : order.IsBusinessOrder ? 'business' : undefined;
  return {
    ok: true,
    value: {
      kind: 'order',
      ...(order.LastUpdateDate ? { sourceVersion: order.LastUpdateDate } : {}),
      draft: {
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
          unitPriceMinor:
            item.QuantityOrdered > 0 ? Math.round(minor(item.ItemPrice) / item.QuantityOrdered) : Number.NaN,
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
        ...(order.OrderTotal
          ? {
              reported: {
                subtotalMinor: sum((item) => item.ItemPrice),
                totalMinor: minor(order.OrderTotal),
                shippingMinor: sum((item) => item.ShippingPrice) - sum((item) => item.ShippingDiscount),
                taxMinor: sum((item) => item.ItemTax) + sum((item) => item.ShippingTax),
                discountMinor: sum((item) => item.PromotionDiscount),
              },
            }
          : {}),
      },
    },
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
