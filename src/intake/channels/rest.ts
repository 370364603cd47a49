import { z } from 'zod';
import { SERVICE_LEVELS } from '../../domain/order';
import { apiKeyBelongsTo } from '../api-keys';
import { Rejection } from '../outcome';
import { problem, type AdapterResult, type ChannelIntent, type ImpactHints } from '../types';
import { bearer, json, trusted, unwrap, type ChannelHandler } from './channel-handler';
import { parsePayload, peekText } from './common';

/**
 * The plain REST channel for custom storefronts: the canonical submission minus channel and account
 * (both come from the API key), with optional reported totals to reconcile.
 */
export const restOrderSchema = z.object({
  externalId: z.string(),
  placedAt: z.string(),
  status: z.enum(['open', 'cancelled']).default('open'),
  customer: z.object({
    id: z.string(),
    name: z.string(),
    email: z.string().optional(),
    phone: z.string().optional(),
    locale: z.string().optional(),
    tier: z.string().optional(),
  }),
  lines: z.array(
    z.object({
      sku: z.string(),
      name: z.string().optional(),
      quantity: z.number(),
      unitPriceMinor: z.number(),
    }),
  ),
  currency: z.string(),
  shippingAddress: z.object({
    name: z.string(),
    line1: z.string(),
    line2: z.string().optional(),
    city: z.string(),
    region: z.string().optional(),
    postalCode: z.string(),
    country: z.string(),
  }),
  serviceLevel: z.enum(SERVICE_LEVELS).optional(),
  promisedDeliveryDate: z.string().optional(),
  totals: z
    .object({
      totalMinor: z.number().int(),
      shippingMinor: z.number().int().default(0),
      taxMinor: z.number().int().default(0),
      discountMinor: z.number().int().default(0),
    })
    .optional(),
});

export function restToIntent(payload: unknown, accountId: string): AdapterResult<ChannelIntent> {
  const parsed = parsePayload(restOrderSchema, payload, 'body');
  if (!parsed.ok) return parsed;
  const { totals, status, ...order } = parsed.value;
  if (status === 'cancelled') {
    return {
      ok: true,
      value: {
        kind: 'cancellation',
        accountId,
        externalId: order.externalId,
        reason: 'cancelled by the channel',
      },
    };
  }
  return {
    ok: true,
    value: {
      kind: 'order',
      draft: { ...order, channel: 'rest', accountId, ...(totals ? { reported: totals } : {}) },
    },
  };
}

export function restImpactHints(payload: unknown): ImpactHints {
  const lines = (payload as { lines?: unknown } | null)?.lines;
  let value: number | undefined;
  if (Array.isArray(lines)) {
    value = lines.reduce<number>((sum, line: unknown) => {
      const quantity = Number(peekText(line, 'quantity'));
      const price = Number(peekText(line, 'unitPriceMinor'));
      return Number.isFinite(quantity * price) ? sum + quantity * price : sum;
    }, 0);
  }
  return {
    externalId: peekText(payload, 'externalId'),
    valueMinor: value,
    currency: peekText(payload, 'currency'),
    customerTier: peekText(payload, 'customer.tier'),
    placedAt: peekText(payload, 'placedAt'),
  };
}

/** Custom storefronts posting with a channel API key (`Authorization: Bearer <key>`). */
export const restChannel: ChannelHandler = {
  via: 'rest',
  replayHeaders: ['idempotency-key'],
  async open(delivery, { db }) {
    const accountId = delivery.routeAccountId ?? '';
    if (!trusted(delivery) && !(await apiKeyBelongsTo(db, accountId, bearer(delivery.headers)))) {
      throw new Rejection('verification', [
        problem('header:authorization', 'must be "Bearer <API key>" with a live key of this channel account'),
      ]);
    }
    const payload = json(delivery);
    return {
      accountId,
      deliveryId: delivery.headers['idempotency-key'],
      payload,
      hints: restImpactHints(payload),
    };
  },
  async interpret(opened) {
    return unwrap(restToIntent(opened.payload, opened.accountId));
  },
};
