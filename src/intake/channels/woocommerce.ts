import { z } from 'zod';
import { toMinorUnits } from '../money';
import { problem, type AdapterResult, type ChannelIntent, type ImpactHints, type OrderDraft } from '../types';
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
  unitPriceOf,
  type Headers,
} from './common';
import { hmacSha256Base64, signatureMatches } from './signature';

const addressSchema = z.object({
  first_name: optionalText,
  last_name: optionalText,
  company: optionalText,
  address_1: optionalText,
  address_2: optionalText,
  city: optionalText,
  state: optionalText,
  postcode: optionalText,
  country: optionalText,
  email: optionalText,
  phone: optionalText,
});

/** The fields of a WooCommerce order (webhook order.created / order.updated, REST v3) the intake reads. */
export const wooOrderSchema = z.object({
  id: z.number().int().positive(),
  status: z.string(),
  currency: z.string(),
  date_created_gmt: z.string().nullish(),
  date_created: z.string().nullish(),
  date_modified_gmt: z.string().nullish(),
  discount_total: amountSchema.nullish(),
  shipping_total: amountSchema.nullish(),
  total: amountSchema,
  total_tax: amountSchema.nullish(),
  customer_id: z.number().int().nullish(),
  billing: addressSchema,
  shipping: addressSchema,
  line_items: z.array(
    z.object({
      name: optionalText,
      sku: optionalText,
      product_id: z.number().int().nullish(),
      variation_id: z.number().int().nullish(),
      quantity: z.number(),
      subtotal: amountSchema,
      price: amountSchema.nullish(),
    }),
  ),
  shipping_lines: z.array(z.object({ method_title: optionalText, method_id: optionalText })).nullish(),
  meta_data: z.array(z.object({ key: z.string(), value: z.unknown() })).nullish(),
});

type WooOrder = z.infer<typeof wooOrderSchema>;

const CANCELLED_STATUSES = new Set(['cancelled', 'refunded', 'failed', 'trash']);
const ORDER_TOPICS = new Set(['order.created', 'order.updated']);
/** The body WooCommerce sends when a webhook is saved, to check the URL answers. */
const PING = /^webhook_id=\d+$/;

export function verifyWooCommerce(rawBody: Buffer, headers: Headers, secret: string): boolean {
  return signatureMatches(hmacSha256Base64(secret, rawBody), headers['x-wc-webhook-signature']);
}

export function wooDeliveryId(headers: Headers): string | undefined {
  return headers['x-wc-webhook-delivery-id'];
}

/** WooCommerce's GMT dates carry no offset ("2024-05-01T14:03:11"). */
function gmtToIso(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  return /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`;
}

export function wooToIntent(payload: unknown, accountId: string): AdapterResult<ChannelIntent> {
  const parsed = parsePayload(wooOrderSchema, payload, 'body');
  if (!parsed.ok) return parsed;
  const order = parsed.value;
  const externalId = String(order.id);
  if (CANCELLED_STATUSES.has(order.status)) {
    return {
      ok: true,
      value: { kind: 'cancellation', accountId, externalId, reason: `WooCommerce status ${order.status}` },
    };
  }
  const placedAt = gmtToIso(order.date_created_gmt) ?? order.date_created;
  if (!placedAt) return { ok: false, problems: [problem('body.date_created_gmt', 'is required')] };
  const sourceVersion = gmtToIso(order.date_modified_gmt);
  return {
    ok: true,
    value: {
      kind: 'order',
      ...(sourceVersion ? { sourceVersion } : {}),
      draft: wooDraft(order, accountId, placedAt),
    },
  };
}

function wooDraft(order: WooOrder, accountId: string, placedAt: string): OrderDraft {
  const currency = order.currency;
  const externalId = String(order.id);
  const shipTo = order.shipping.address_1 ? order.shipping : order.billing;
  const tier = order.meta_data?.find((meta) => meta.key === 'customer_tier')?.value;
  return {
    channel: 'woocommerce',
    accountId,
    externalId,
    placedAt,
    customer: {
      id: order.customer_id ? String(order.customer_id) : `guest-${externalId}`,
      name: joinName(order.billing.first_name, order.billing.last_name),
      email: order.billing.email ?? undefined,
      phone: order.billing.phone ?? order.shipping.phone ?? undefined,
      ...(typeof tier === 'string' ? { tier } : {}),
    },
    // Woo's line "subtotal" is before coupon discounts; the discount is reported on the order.
    lines: order.line_items.map((line) => ({
      sku: lineSku(line.sku, 'woo', line.product_id, line.variation_id),
      name: line.name ?? undefined,
      quantity: line.quantity,
      unitPriceMinor: unitPriceOf(minorOrNaN(line.subtotal, currency), line.quantity),
    })),
    currency,
    shippingAddress: {
      name: joinName(shipTo.first_name, shipTo.last_name),
      line1: shipTo.address_1 ?? '',
      line2: shipTo.address_2 ?? undefined,
      city: shipTo.city ?? '',
      region: shipTo.state ?? undefined,
      postalCode: shipTo.postcode ?? '',
      country: shipTo.country ?? '',
    },
    serviceLevel: serviceLevelFromLabel(order.shipping_lines?.[0]?.method_title),
    reported: {
      totalMinor: minorOrNaN(order.total, currency),
      shippingMinor: minorOrNaN(order.shipping_total ?? '0', currency),
      taxMinor: minorOrNaN(order.total_tax ?? '0', currency),
      discountMinor: minorOrNaN(order.discount_total ?? '0', currency),
    },
  };
}

export function wooImpactHints(payload: unknown): ImpactHints {
  const currency = peekText(payload, 'currency');
  return {
    externalId: peekText(payload, 'id'),
    valueMinor: currency ? toMinorUnits(peekText(payload, 'total'), currency) : undefined,
    currency,
    placedAt: gmtToIso(peekText(payload, 'date_created_gmt')),
  };
}

/** WooCommerce webhooks (order.created, order.updated), signed with the store's secret. */
export const wooCommerceChannel: ChannelHandler = {
  via: 'webhook',
  replayHeaders: [
    'x-wc-webhook-signature',
    'x-wc-webhook-delivery-id',
    'x-wc-webhook-topic',
    'x-wc-webhook-source',
  ],
  acknowledgeUnread(rawBody) {
    return PING.test(rawBody.toString('utf8')) ? 'WooCommerce webhook ping' : undefined;
  },
  open: openSignedWebhook({
    accounts: (config) => config.woocommerce,
    channelName: 'WooCommerce',
    verify: verifyWooCommerce,
    signatureHeader: 'x-wc-webhook-signature',
    signedBy: "the store's webhook secret",
    deliveryId: wooDeliveryId,
    hints: wooImpactHints,
  }),
  async interpret(opened, delivery) {
    const topic = delivery.headers['x-wc-webhook-topic'];
    if (topic && !ORDER_TOPICS.has(topic)) {
      return otherTopic(opened.accountId, topic, peekText(opened.payload, 'id') ?? '');
    }
    return unwrap(wooToIntent(opened.payload, opened.accountId));
  },
};
