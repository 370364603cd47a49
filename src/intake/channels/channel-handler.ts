import type { Queryable } from '../../db/database';
import type { SalesChannel } from '../../domain/order';
import type { IntakeConfig } from '../config';
import type { OrderSource } from '../order-sources';
import { Rejection, UnknownAccount } from '../outcome';
import { problem, type AdapterResult, type ChannelIntent, type ImpactHints } from '../types';
import { parseJson, type Headers } from './common';

/** What every sales channel's adapter is, and the steps adapters share (account lookup, signature, JSON). */

export interface IncomingDelivery {
  channel: SalesChannel;
  /** The account named in the route; Amazon names its seller in the body instead. */
  routeAccountId?: string;
  rawBody: Buffer;
  headers: Headers;
  /** Set when ops replay a dead letter: `trusted` skips signature checks (ops vouch for the body). */
  replay?: { deadLetterId: number; trusted: boolean; deliveryId: string | null; accountId: string | null };
  /** Reads this delivery instead of the channel's own adapter (an order reconciliation fetched itself). */
  handler?: ChannelHandler;
}

/** A delivery that passed verification and whose channel envelope was read. */
export interface OpenedDelivery {
  accountId: string;
  deliveryId?: string;
  payload: unknown;
  hints: ImpactHints;
  /** The channel's own reference inside the envelope (Amazon order ID, Square order ID). */
  reference?: string;
  /** Set for channel traffic that is not about an order (test events, other topics): why it is acknowledged. */
  notAnOrder?: string;
}

export interface HandlerDeps {
  db: Queryable;
  config: IntakeConfig;
}

export interface ChannelHandler {
  /** How orders of this adapter reach the order core, as recorded with each order's source. */
  via: OrderSource['via'];
  /** Headers kept with a dead letter so it can be replayed exactly. */
  replayHeaders: string[];
  /** Traffic answered before anything is read or kept (WooCommerce's ping on saving a webhook): why. */
  acknowledgeUnread?(rawBody: Buffer): string | undefined;
  open(delivery: IncomingDelivery, deps: HandlerDeps): Promise<OpenedDelivery>;
  interpret(opened: OpenedDelivery, delivery: IncomingDelivery, deps: HandlerDeps): Promise<ChannelIntent>;
}

export function unwrap<T>(result: AdapterResult<T>, stage: 'parsing' | 'validation' = 'parsing'): T {
  if (!result.ok) throw new Rejection(stage, result.problems);
  return result.value;
}

export function json(delivery: IncomingDelivery): unknown {
  return unwrap(parseJson(delivery.rawBody));
}

export function requireAccount<T>(
  accounts: Record<string, T>,
  accountId: string | undefined,
  name: string,
): T {
  const account =
    accountId !== undefined && Object.hasOwn(accounts, accountId) ? accounts[accountId] : undefined;
  if (!account) throw new UnknownAccount([problem('path.accountId', `is not a configured ${name} account`)]);
  return account;
}

export function bearer(headers: Headers): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
  return match?.[1];
}

export function trusted(delivery: IncomingDelivery): boolean {
  return delivery.replay?.trusted === true;
}

/** Opens a webhook signed with the account's shared secret (HMAC over the raw body). */
export function openSignedWebhook(spec: {
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

/** Acknowledges a delivery that is not about an order. */
export function notAnOrder(opened: OpenedDelivery): ChannelIntent | undefined {
  return opened.notAnOrder === undefined
    ? undefined
    : { kind: 'ignored', accountId: opened.accountId, externalId: '', reason: opened.notAnOrder };
}

/** Traffic of a topic that carries no order: acknowledged and left alone. */
export function otherTopic(accountId: string, topic: string, externalId = ''): ChannelIntent {
  return { kind: 'ignored', accountId, externalId, reason: `topic ${topic} is not an order intake` };
}
