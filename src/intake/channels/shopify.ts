import { z } from 'zod';
import { toMinorUnits } from '../money';
import {
  problem,
  type AdapterResult,
  type ChannelIntent,
  type ImpactHints,
  type OrderDraft,
  type ReportedTotals,
} from '../types';
import { openSignedWebhook, otherTopic, unwrap, type ChannelHandler } from './channel-handler';
import {
  amountSchema,
  joinName,
  lineSku,
  minorOrNaN,
  optionalText,
  parsePayload,
  peekText,
  serviceLevelFromLabel,
  type Headers,
} from './common';
import { hmacSha256Base64, signatureMatches } from './signature';

/** Shopify order webhooks (orders/create, orders/updated, orders/cancelled), signed with the shop's secret. */

const addressSchema = z.object({
  first_name: optionalText,
  last_name: optionalText,
  name: optionalText,
  address1: optionalText,
  address2: optionalText,
  city: optionalText,
  province: optionalText,
  province_code: optionalText,
  zip: optionalText,
  country: optionalText,
  country_code: optionalText,
  phone: optionalText,
});

/** The fields of a Shopify orders/create (or orders/updated) webhook body the intake reads. */
export const shopifyOrderSchema = z.object({
  id: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]),
  name: optionalText,
  email: optionalText,
  contact_email: optionalText,
  phone: optionalText,
  created_at: z.string(),
  cancelled_at: optionalText,
  currency: z.string(),
  total_price: amountSchema,
  total_line_items_price: amountSchema.nullish(),
  taxes_included: z.boolean().nullish(),
  total_tax: amountSchema.nullish(),
  total_discounts: amountSchema.nullish(),
  customer_locale: optionalText,
  customer: z
    .object({
      id: z.union([z.number(), z.string()]).nullish(),
      email: optionalText,
      phone: optionalText,
      first_name: optionalText,
      last_name: optionalText,
      tags: optionalText,
    })
    .nullish(),
  shipping_address: addressSchema.nullish(),
  billing_address: addressSchema.nullish(),
  shipping_lines: z
    .array(z.object({ title: optionalText, code: optionalText, price: amountSchema }))
    .nullish(),
  line_items: z.array(
    z.object({
      sku: optionalText,
      product_id: z.union([z.number(), z.string()]).nullish(),
      variant_id: z.union([z.number(), z.string()]).nullish(),
      name: optionalText,
      title: optionalText,
      quantity: z.number(),
      price: amountSchema,
    }),
  ),
});

export function verifyShopify(rawBody: Buffer, headers: Headers, secret: string): boolean {
  return signatureMatches(hmacSha256Base64(secret, rawBody), headers['x-shopify-hmac-sha256']);
}

export function shopifyDeliveryId(headers: Headers): string | undefined {
  return headers['x-shopify-webhook-id'];
}

type ShopifyOrder = z.infer<typeof shopifyOrderSchema>;
type ShopifyAddress = z.infer<typeof addressSchema>;

/** Topics whose body is an order; every other topic a shop may send is acknowledged and left alone. */
const ORDER_TOPICS = new Set(['orders/create', 'orders/updated', 'orders/cancelled']);

/**
 * A Shopify webhook by its X-Shopify-Topic: an order topic → the order (or its cancellation); any
 * other topic (products/update, app/uninstalled, …) → acknowledged without an order. A delivery
 * without a topic (an ops replay of an old dead letter) is read as an order.
 */
export function shopifyDeliveryToIntent(
  payload: unknown,
  accountId: string,
  headers: Headers,
): AdapterResult<ChannelIntent> {
  const topic = headers['x-shopify-topic']?.trim().toLowerCase();
  if (topic && !ORDER_TOPICS.has(topic)) return { ok: true, value: otherTopic(accountId, topic) };
  if (topic === 'orders/cancelled') {
    const id = peekText(payload, 'id');
    if (!id || !/^\d+$/.test(id))
      return { ok: false, problems: [problem('body.id', 'must be a Shopify order ID')] };
    return {
      ok: true,
      value: { kind: 'cancellation', accountId, externalId: id, reason: 'cancelled in Shopify' },
    };
  }
  return shopifyToIntent(payload, accountId, headers);
}

/** A Shopify order webhook → the order draft (or a cancellation when the order was cancelled). */
export function shopifyToIntent(
  payload: unknown,
  accountId: string,
  headers: Headers,
): AdapterResult<ChannelIntent> {
  const parsed = parsePayload(shopifyOrderSchema, payload, 'body');
  if (!parsed.ok) return parsed;
  const order = parsed.value;
  const externalId = String(order.id);
  if (order.cancelled_at) {
    return {
      ok: true,
      value: { kind: 'cancellation', accountId, externalId, reason: 'cancelled in Shopify' },
    };
  }
  const address = order.shipping_address ?? undefined;
  if (!address)
    return { ok: false, problems: [problem('body.shipping_address', 'is required to ship the order')] };
  const triggeredAt = headers['x-shopify-triggered-at'];
  return {
    ok: true,
    value: {
      kind: 'order',
      ...(triggeredAt ? { sourceVersion: triggeredAt } : {}),
      draft: shopifyDraft(order, accountId, address),
    },
  };
}

function shopifyDraft(order: ShopifyOrder, accountId: string, address: ShopifyAddress): OrderDraft {
  const currency = order.currency;
  return {
    channel: 'shopify',
    accountId,
    externalId: String(order.id),
    placedAt: order.created_at,
    customer: shopifyCustomer(order, address),
    lines: order.line_items.map((line) => ({
      sku: lineSku(line.sku, 'shopify', line.product_id, line.variant_id),
      name: line.name ?? line.title ?? undefined,
      quantity: line.quantity,
      unitPriceMinor: minorOrNaN(line.price, currency),
    })),
    currency,
    shippingAddress: shopifyShippingAddress(address),
    serviceLevel: serviceLevelFromLabel(order.shipping_lines?.[0]?.title ?? order.shipping_lines?.[0]?.code),
    reported: shopifyTotals(order),
  };
}

function shopifyCustomer(order: ShopifyOrder, address: ShopifyAddress): OrderDraft['customer'] {
  const customer = order.customer;
  const name =
    joinName(customer?.first_name, customer?.last_name) ||
    joinName(order.billing_address?.first_name, order.billing_address?.last_name) ||
    (address.name ?? '');
  const tags = (customer?.tags ?? '').toLowerCase();
  return {
    id:
      customer?.id !== undefined && customer?.id !== null ? String(customer.id) : `guest-${String(order.id)}`,
    name,
    email: order.email ?? order.contact_email ?? customer?.email ?? undefined,
    phone: order.phone ?? customer?.phone ?? address.phone ?? undefined,
    locale: order.customer_locale ?? undefined,
    ...(tags.includes('vip') ? { tier: 'vip' } : {}),
  };
}

function shopifyShippingAddress(address: ShopifyAddress): OrderDraft['shippingAddress'] {
  return {
    name: address.name ?? joinName(address.first_name, address.last_name),
    line1: address.address1 ?? '',
    line2: address.address2 ?? undefined,
    city: address.city ?? '',
    region: address.province_code ?? address.province ?? undefined,
    postalCode: address.zip ?? '',
    country: address.country_code ?? address.country ?? '',
    phone: address.phone ?? undefined,
  };
}

function shopifyTotals(order: ShopifyOrder): ReportedTotals {
  const currency = order.currency;
  const shippingMinor = (order.shipping_lines ?? []).reduce(
    (sum, line) => sum + minorOrNaN(line.price, currency),
    0,
  );
  return {
    ...(order.total_line_items_price !== null && order.total_line_items_price !== undefined
      ? { subtotalMinor: minorOrNaN(order.total_line_items_price, currency) }
      : {}),
    ...(order.taxes_included ? { taxIncluded: true } : {}),
    totalMinor: minorOrNaN(order.total_price, currency),
    shippingMinor,
    taxMinor: minorOrNaN(order.total_tax ?? '0', currency),
    discountMinor: minorOrNaN(order.total_discounts ?? '0', currency),
  };
}

export function shopifyImpactHints(payload: unknown): ImpactHints {
  const currency = peekText(payload, 'currency');
  const value = currency ? toMinorUnits(peekText(payload, 'total_price'), currency) : undefined;
  return {
    externalId: peekText(payload, 'id'),
    valueMinor: value,
    currency,
    placedAt: peekText(payload, 'created_at'),
    customerTier: (peekText(payload, 'customer.tags') ?? '').toLowerCase().includes('vip')
      ? 'vip'
      : undefined,
  };
}

export const shopifyChannel: ChannelHandler = {
  via: 'webhook',
  replayHeaders: [
    'x-shopify-hmac-sha256',
    'x-shopify-webhook-id',
    'x-shopify-triggered-at',
    'x-shopify-topic',
    'x-shopify-shop-domain',
  ],
  open: openSignedWebhook({
    accounts: (config) => config.shopify,
    channelName: 'Shopify',
    verify: verifyShopify,
    signatureHeader: 'x-shopify-hmac-sha256',
    signedBy: "the shop's webhook secret",
    deliveryId: shopifyDeliveryId,
    hints: shopifyImpactHints,
  }),
  async interpret(opened, delivery) {
    return unwrap(shopifyDeliveryToIntent(opened.payload, opened.accountId, delivery.headers));
  },
};
