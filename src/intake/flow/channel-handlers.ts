import type { SalesChannel } from '../../domain/order';
import { apiKeyBelongsTo } from '../api-keys';
import type { Headers } from '../channels/common';
import { restImpactHints, restToIntent } from '../channels/rest';
import {
  shopifyDeliveryId,
  shopifyDeliveryToIntent,
  shopifyImpactHints,
  verifyShopify,
} from '../channels/shopify';
import { verifyWooCommerce, wooDeliveryId, wooImpactHints, wooToIntent } from '../channels/woocommerce';
import { Rejection } from '../outcome';
import { problem } from '../types';
import { amazon } from './amazon-handler';
import { bearer, json, openSignedWebhook, trusted, unwrap, type ChannelHandler } from './handler-support';
import { square } from './square-handler';

export type { ChannelHandler, HandlerDeps, IncomingDelivery, OpenedDelivery } from './handler-support';

const shopify: ChannelHandler = {
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

const woocommerce: ChannelHandler = {
  replayHeaders: [
    'x-wc-webhook-signature',
    'x-wc-webhook-delivery-id',
    'x-wc-webhook-topic',
    'x-wc-webhook-source',
  ],
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
    if (topic && topic !== 'order.created' && topic !== 'order.updated') {
      const externalId = String((opened.payload as { id?: unknown } | null)?.id ?? '');
      return {
        kind: 'ignored',
        accountId: opened.accountId,
        externalId,
        reason: `topic ${topic} is not an order intake`,
      };
    }
    return unwrap(wooToIntent(opened.payload, opened.accountId));
  },
};

const rest: ChannelHandler = {
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

/** Orders the core's own POST /orders rejected: replayed as canonical submissions. */
const web: ChannelHandler = {
  replayHeaders: [],
  async open(delivery) {
    const payload = json(delivery);
    const accountId = (payload as { accountId?: unknown } | null)?.accountId;
    return {
      accountId: typeof accountId === 'string' ? accountId : (delivery.replay?.accountId ?? ''),
      payload,
      hints: restImpactHints(payload),
    };
  },
  async interpret(opened) {
    const intent = unwrap(restToIntent(opened.payload, opened.accountId));
    return intent.kind === 'order' ? { ...intent, draft: { ...intent.draft, channel: 'web' } } : intent;
  },
};

export const CHANNEL_HANDLERS: Record<SalesChannel, ChannelHandler> = {
  shopify,
  woocommerce,
  amazon,
  square,
  rest,
  web,
};

export function replayHeadersOf(channel: SalesChannel, headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of [...CHANNEL_HANDLERS[channel].replayHeaders, 'content-type']) {
    const value = headers[name];
    if (typeof value === 'string') kept[name] = value;
  }
  return kept;
}
