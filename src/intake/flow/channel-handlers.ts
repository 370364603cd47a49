import type { Queryable } from '../../db/database';
import type { SalesChannel } from '../../domain/order';
import { apiKeyBelongsTo } from '../api-keys';
import { getOrder, getOrderItems } from '../channel-apis/amazon-sp-api';
import { retrieveOrder } from '../channel-apis/square-api';
import { amazonImpactHints, amazonToIntent, parseAmazonNotification } from '../channels/amazon';
import { parseJson, type Headers } from '../channels/common';
import { restImpactHints, restToIntent } from '../channels/rest';
import { shopifyDeliveryId, shopifyImpactHints, shopifyToIntent, verifyShopify } from '../channels/shopify';
import { parseSquareEvent, squareImpactHints, squareToIntent, verifySquare } from '../channels/square';
import { verifyWooCommerce, wooDeliveryId, wooImpactHints, wooToIntent } from '../channels/woocommerce';
import type { IntakeConfig } from '../config';
import { Rejection } from '../outcome';
import { constantTimeEqual } from '../../security/constant-time';
import { problem, type AdapterResult, type ChannelIntent, type ImpactHints } from '../types';

export interface IncomingDelivery {
  channel: SalesChannel;
  /** The account named in the route; Amazon names its seller in the body instead. */
  routeAccountId?: string;
  rawBody: Buffer;
  headers: Headers;
  /** Set when ops replay a dead letter: `trusted` skips signature checks (ops vouch for the body). */
  replay?: { deadLetterId: number; trusted: boolean; deliveryId: string | null; accountId: string | null };
}

/** A delivery that passed verification and whose channel envelope was read. */
export interface OpenedDelivery {
  accountId: string;
  deliveryId?: string;
  payload: unknown;
  hints: ImpactHints;
  /** The channel's own reference inside the envelope (Amazon order ID, Square order ID). */
  reference?: string;
}

export interface HandlerDeps {
  db: Queryable;
  config: IntakeConfig;
}

export interface ChannelHandler {
  /** Headers kept with a dead letter so it can be replayed exactly. */
  replayHeaders: string[];
  open(delivery: IncomingDelivery, deps: HandlerDeps): Promise<OpenedDelivery>;
  interpret(opened: OpenedDelivery, delivery: IncomingDelivery, deps: HandlerDeps): Promise<ChannelIntent>;
}

function unwrap<T>(result: AdapterResult<T>, stage: 'parsing' | 'validation' = 'parsing'): T {
  if (!result.ok) throw new Rejection(stage, result.problems);
  return result.value;
}

function json(delivery: IncomingDelivery): unknown {
  return unwrap(parseJson(delivery.rawBody));
}

function requireAccount<T>(accounts: Record<string, T>, accountId: string | undefined, name: string): T {
  const account =
    accountId !== undefined && Object.hasOwn(accounts, accountId) ? accounts[accountId] : undefined;
  if (!account)
    throw new Rejection('verification', [problem('path.accountId', `is not a configured ${name} account`)]);
  return account;
}

function bearer(headers: Headers): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
  return match?.[1];
}

function trusted(delivery: IncomingDelivery): boolean {
  return delivery.replay?.trusted === true;
}

/** Opens a webhook signed with the account's shared secret (HMAC over the raw body). */
function openSignedWebhook(spec: {
  accounts: (config: IntakeConfig) => Record<string, { webhookSecret: string }>;
  channelName: string;
  verify: (rawBody: Buffer, headers: Headers, secret: string) => boolean;
  signatureHeader: string;
  signedBy: string;
  deliveryId: (headers: Headers) => string | undefined;
  hints: (payload: unknown) => ImpactHints;
}): ChannelHandler['open'] {
  return async (delivery, { config }) => {
    const account = requireAccount(spec.accounts(config), delivery.routeAccountId, spec.channelName);
    if (!trusted(delivery) && !spec.verify(delivery.rawBody, delivery.headers, account.webhookSecret)) {
      throw new Rejection('verification', [
        problem(`header:${spec.signatureHeader}`, `does not match the body signed with ${spec.signedBy}`),
      ]);
    }
    const payload = json(delivery);
    return {
      accountId: delivery.routeAccountId ?? '',
      deliveryId: spec.deliveryId(delivery.headers),
      payload,
      hints: spec.hints(payload),
    };
  };
}

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
    return unwrap(shopifyToIntent(opened.payload, opened.accountId, delivery.headers));
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

const AMAZON_STATUSES_WITH_ITEMS = new Set([
  'Unshipped',
  'PartiallyShipped',
  'Shipped',
  'InvoiceUnconfirmed',
]);

const amazon: ChannelHandler = {
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
    requireAccount(config.amazon.sellers, notification.sellerId, 'Amazon seller');
    return {
      accountId: notification.sellerId,
      deliveryId: notification.notificationId,
      payload,
      hints: amazonImpactHints(payload),
      reference: notification.amazonOrderId,
    };
  },
  // The notification only says that the order changed; the order itself comes from getOrder.
  async interpret(opened, _delivery, { config }) {
    const account = requireAccount(config.amazon.sellers, opened.accountId, 'Amazon seller');
    const order = await getOrder(account, opened.reference ?? '');
    const status = (order as { OrderStatus?: unknown }).OrderStatus;
    const items =
      typeof status === 'string' && AMAZON_STATUSES_WITH_ITEMS.has(status)
        ? await getOrderItems(account, opened.reference ?? '')
        : [];
    return unwrap(amazonToIntent(opened.accountId, order, items), 'parsing');
  },
};

const square: ChannelHandler = {
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
    if (account.merchantId && event.merchantId !== account.merchantId) {
      throw new Rejection('verification', [
        problem('body.merchant_id', 'belongs to another Square merchant'),
      ]);
    }
    return {
      accountId: delivery.routeAccountId ?? '',
      deliveryId: event.eventId,
      payload,
      hints: squareImpactHints(payload),
      reference: event.orderId,
    };
  },
  async interpret(opened, _delivery, { config }) {
    const account = requireAccount(config.square, opened.accountId, 'Square');
    const order = await retrieveOrder(account, opened.reference ?? '');
    return unwrap(squareToIntent(opened.accountId, order));
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
