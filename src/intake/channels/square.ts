import { z } from 'zod';
import { retrieveOrder } from '../channel-apis/square-api';
import { currencyExponent } from '../money';
import { Rejection } from '../outcome';
import { problem, type AdapterResult, type ChannelIntent, type ImpactHints, type OrderDraft } from '../types';
import { json, notAnOrder, requireAccount, trusted, unwrap, type ChannelHandler } from './channel-handler';
import { optionalText, parsePayload, peekText, serviceLevelFromLabel, type Headers } from './common';
import { hmacSha256Base64, signatureMatches } from './signature';

/** Event types whose data names an order; every other event (e.g. the dashboard's test event) is acknowledged. */
export const SQUARE_ORDER_EVENTS = ['order.created', 'order.updated', 'order.fulfillment.updated'] as const;

/** The envelope every Square webhook event has. */
const squareEnvelopeSchema = z.object({
  merchant_id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a Square merchant ID'),
  type: z.string().min(1).max(128),
  event_id: z.string().regex(/^[\x21-\x7e]{1,128}$/, 'must be a printable event ID'),
  created_at: z.string().optional(),
});

/** Square order.created / order.updated webhook event: it carries the order's ID, not the order. */
export const squareEventSchema = squareEnvelopeSchema.extend({
  type: z.enum(SQUARE_ORDER_EVENTS),
  data: z.object({
    type: z.string(),
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a Square order ID'),
    object: z
      .record(z.string(), z.object({ order_id: z.string().optional(), state: z.string().optional() }))
      .optional(),
  }),
});

export interface SquareEvent {
  eventId: string;
  merchantId: string;
  /** Absent for events that are not about an order. */
  orderId?: string;
  type: string;
}

const moneySchema = z.object({ amount: z.number().int(), currency: z.string() });

/** Square Orders API order (GET /v2/orders/{order_id}), the fields the intake reads. */
export const squareOrderSchema = z.object({
  id: z.string(),
  location_id: z.string().optional(),
  reference_id: optionalText,
  customer_id: optionalText,
  state: z.enum(['OPEN', 'COMPLETED', 'CANCELED', 'DRAFT']),
  created_at: z.string(),
  updated_at: z.string().optional(),
  line_items: z.array(
    z.object({
      uid: z.string().optional(),
      name: optionalText,
      quantity: z.string(),
      catalog_object_id: optionalText,
      variation_name: optionalText,
      base_price_money: moneySchema,
    }),
  ),
  fulfillments: z
    .array(
      z.object({
        type: z.string(),
        shipment_details: z
          .object({
            carrier: optionalText,
            shipping_type: optionalText,
            recipient: z
              .object({
                display_name: optionalText,
                email_address: optionalText,
                phone_number: optionalText,
                address: z
                  .object({
                    address_line_1: optionalText,
                    address_line_2: optionalText,
                    locality: optionalText,
                    administrative_district_level_1: optionalText,
                    postal_code: optionalText,
                    country: optionalText,
                  })
                  .nullish(),
              })
              .nullish(),
          })
          .nullish(),
      }),
    )
    .nullish(),
  total_money: moneySchema,
  total_tax_money: moneySchema.nullish(),
  total_discount_money: moneySchema.nullish(),
  total_service_charge_money: moneySchema.nullish(),
});
export type SquareOrder = z.infer<typeof squareOrderSchema>;

/** Square signs the notification URL followed by the raw body. */
export function verifySquare(
  rawBody: Buffer,
  headers: Headers,
  signatureKey: string,
  notificationUrl: string,
): boolean {
  return signatureMatches(
    hmacSha256Base64(signatureKey, notificationUrl, rawBody),
    headers['x-square-hmacsha256-signature'],
  );
}

export function parseSquareEvent(payload: unknown): AdapterResult<SquareEvent> {
  const envelope = parsePayload(squareEnvelopeSchema, payload, 'body');
  if (!envelope.ok) return envelope;
  if (!(SQUARE_ORDER_EVENTS as readonly string[]).includes(envelope.value.type)) {
    const { event_id, merchant_id, type } = envelope.value;
    return { ok: true, value: { eventId: event_id, merchantId: merchant_id, type } };
  }
  const parsed = parsePayload(squareEventSchema, payload, 'body');
  if (!parsed.ok) return parsed;
  const event = parsed.value;
  return {
    ok: true,
    value: {
      eventId: event.event_id,
      merchantId: event.merchant_id,
      orderId: event.data.id,
      type: event.type,
    },
  };
}

/** An order sold in store, picked up or delivered by the seller: nothing for this service to ship. */
function notShipped(accountId: string, order: SquareOrder): ChannelIntent {
  const types = [...new Set((order.fulfillments ?? []).map((f) => f.type))];
  return {
    kind: 'not_for_fulfillment',
    accountId,
    externalId: order.id,
    fulfilledBy: 'in_store',
    reason: types.length
      ? `Square order fulfilled as ${types.join(', ')}, not shipped`
      : 'Square order has no fulfillment (an in-person sale)',
    totalMinor: order.total_money.amount,
    currency: order.total_money.currency,
  };
}

type SquareShipment = NonNullable<NonNullable<SquareOrder['fulfillments']>[number]['shipment_details']>;
type SquareRecipient = NonNullable<SquareShipment['recipient']>;
type SquareAddress = NonNullable<SquareRecipient['address']>;

export function squareToIntent(accountId: string, orderPayload: unknown): AdapterResult<ChannelIntent> {
  const parsed = parsePayload(squareOrderSchema, orderPayload, 'order');
  if (!parsed.ok) return parsed;
  const order = parsed.value;
  const externalId = order.id;
  if (order.state === 'CANCELED') {
    return {
      ok: true,
      value: { kind: 'cancellation', accountId, externalId, reason: 'Square order CANCELED' },
    };
  }
  if (order.state === 'DRAFT') {
    return {
      ok: true,
      value: { kind: 'deferred', accountId, externalId, reason: 'Square order is a DRAFT' },
    };
  }
  const shipment = order.fulfillments?.find((f) => f.type === 'SHIPMENT')?.shipment_details;
  if (!shipment) return { ok: true, value: notShipped(accountId, order) };
  const recipient = shipment.recipient;
  if (!recipient?.address) {
    return {
      ok: false,
      problems: [problem('order.fulfillments', 'has a SHIPMENT fulfillment without a recipient address')],
    };
  }
  return {
    ok: true,
    value: {
      kind: 'order',
      ...(order.updated_at ? { sourceVersion: order.updated_at } : {}),
      draft: squareDraft(order, accountId, shipment, recipient, recipient.address),
    },
  };
}

function squareDraft(
  order: SquareOrder,
  accountId: string,
  shipment: SquareShipment,
  recipient: SquareRecipient,
  address: SquareAddress,
): OrderDraft {
  const currency = order.total_money.currency;
  const exponentOk = currencyExponent(currency) !== undefined;
  return {
    channel: 'square',
    accountId,
    externalId: order.id,
    placedAt: order.created_at,
    customer: {
      id: order.customer_id ?? `guest-${order.id}`,
      name: recipient.display_name ?? '',
      email: recipient.email_address ?? undefined,
      phone: recipient.phone_number ?? undefined,
    },
    lines: order.line_items.map((line) => ({
      sku: line.catalog_object_id ?? '',
      name: [line.name, line.variation_name].filter(Boolean).join(' — ') || undefined,
      quantity: Number(line.quantity),
      unitPriceMinor: exponentOk ? line.base_price_money.amount : Number.NaN,
    })),
    currency,
    shippingAddress: {
      name: recipient.display_name ?? '',
      line1: address.address_line_1 ?? '',
      line2: address.address_line_2 ?? undefined,
      city: address.locality ?? '',
      region: address.administrative_district_level_1 ?? undefined,
      postalCode: address.postal_code ?? '',
      country: address.country ?? '',
    },
    serviceLevel: serviceLevelFromLabel(shipment.shipping_type),
    reported: {
      totalMinor: order.total_money.amount,
      shippingMinor: order.total_service_charge_money?.amount ?? 0,
      taxMinor: order.total_tax_money?.amount ?? 0,
      discountMinor: order.total_discount_money?.amount ?? 0,
    },
  };
}

export function squareImpactHints(payload: unknown): ImpactHints {
  return { externalId: peekText(payload, 'data.id'), placedAt: peekText(payload, 'created_at') };
}

/** Square webhook events, signed over the notification URL and body; order events name the order to fetch. */
export const squareChannel: ChannelHandler = {
  via: 'webhook',
  replayHeaders: ['x-square-hmacsha256-signature'],
  async open(delivery, { config }) {
    const account = requireAccount(config.square, delivery.routeAccountId, 'Square');
    if (
      !trusted(delivery) &&
      !verifySquare(delivery.rawBody, delivery.headers, account.signatureKey, account.notificationUrl)
    ) {
      throw new Rejection('verification', [
        problem('header:x-square-hmacsha256-signature', 'does not match the notification URL and body'),
      ]);
    }
    const payload = json(delivery);
    const event = unwrap(parseSquareEvent(payload));
    const base = { accountId: delivery.routeAccountId ?? '', deliveryId: event.eventId, payload };
    // A correctly signed event that names no order (the dashboard's test event carries a sample
    // merchant) only needs acknowledging.
    if (event.orderId === undefined) {
      return { ...base, hints: {}, notAnOrder: `event type ${event.type} is not an order intake` };
    }
    if (account.merchantId && event.merchantId !== account.merchantId) {
      throw new Rejection('verification', [
        problem('body.merchant_id', 'belongs to another Square merchant'),
      ]);
    }
    return { ...base, hints: squareImpactHints(payload), reference: event.orderId };
  },
  async interpret(opened, _delivery, { config }) {
    const ignored = notAnOrder(opened);
    if (ignored) return ignored;
    const account = requireAccount(config.square, opened.accountId, 'Square');
    const order = await retrieveOrder(account, opened.reference ?? '');
    return unwrap(squareToIntent(opened.accountId, order));
  },
};
