import { ApplicationFailure } from '@temporalio/common';
import type { Database } from '../../db/database';
import type { MessageChannel } from '../message-channels';
import type { NotificationConfig } from '../config';
import type { OrderNotificationRequest } from '../contract';
import { customerKeyOfNotice } from '../customer-key';
import { addInboxItem } from '../inbox/store';
import { canReach } from '../preferences/preferences';
import { getContacts, type CustomerContacts } from '../preferences/store';
import { ProviderFailure } from '../providers/provider-failure';
import type { Providers } from '../providers/types';
import { renderMessage, type RenderedCard, type RenderedEmail, type RenderedSms } from '../templates/render';
import { sendEmail, sendPush, sendSms, type SendResult } from './provider-sends';
import { deliveryKey } from './delivery-key';
import { DELIVERY_FAILURE_TYPES, DELIVERY_IN_FLIGHT, RECIPIENT_MISSING } from './failure-types';
import {
  claimDelivery,
  completeDelivery,
  recordSuppressed,
  releaseDelivery,
  type DeliveryRecord,
} from './records';

export interface SendMessageDeps {
  db: Database;
  config: NotificationConfig;
  providers: Providers;
  /** How long a claim blocks other attempts; longer than the provider timeout. */
  leaseMs: number;
  /** Keeps Temporal informed that this attempt is alive. */
  heartbeat: () => void;
}

export interface SendMessageInput {
  request: OrderNotificationRequest;
  channel: MessageChannel;
  /** The channel that gave up, when this delivery is its fallback. */
  fallbackFor?: MessageChannel;
  locale?: string;
  /** The customer's contacts as the notice's plan read them a moment ago (sent now, not later). */
  contacts?: CustomerContacts;
}

export interface SendOutcome {
  channel: MessageChannel;
  status: 'sent' | 'already_sent' | 'reconciled' | 'suppressed';
  providerMessageId?: string;
}

function asApplicationFailure(failure: ProviderFailure): ApplicationFailure {
  return ApplicationFailure.create({
    message: failure.message,
    type: DELIVERY_FAILURE_TYPES[failure.kind],
    nonRetryable: !failure.retryable,
    nextRetryDelay: failure.retryAfterMs,
    details: failure.providerCode ? [failure.providerCode] : undefined,
  });
}

/**
 * Sends one (order, event, channel) message at most once: checks preferences, claims the delivery
 * record, reconciles with the provider when an earlier attempt's outcome is unknown, sends, and
 * completes the record. Throws ApplicationFailure typed for the retry policy.
 */
export async function sendMessage(deps: SendMessageDeps, input: SendMessageInput): Promise<SendOutcome> {
  const { request, channel } = input;
  const reach = await reachCustomer(deps.db, input);
  if (reach.kind === 'suppressed') return { channel, status: 'suppressed' };
  const message = renderMessage(request, channel, deps.config, input.locale ?? reach.locale);
  if (message.channel === 'in_app') {
    await addInboxItem(deps.db, request, message);
    await completeInApp(deps, input);
    return { channel, status: 'sent' };
  }
  const claim = await claimDelivery(deps.db, {
    request,
    channel,
    recipient: recipientFor(input, reach.pushTokens),
    fallbackFor: input.fallbackFor,
    leaseMs: deps.leaseMs,
  });
  if (claim.kind === 'done') {
    return {
      channel,
      status: 'already_sent',
      providerMessageId: claim.record.provider_message_id ?? undefined,
    };
  }
  if (claim.kind === 'in_flight') {
    throw ApplicationFailure.retryable(
      `delivery ${claim.record.delivery_key} is being sent by another attempt`,
      DELIVERY_IN_FLIGHT,
    );
  }
  deps.heartbeat();
  const result = await sendClaimed(deps, input, message, claim.record, claim.reconcile, reach.pushTokens);
  return { channel, ...result };
}

type Reach = { kind: 'suppressed' } | { kind: 'reachable'; locale?: string; pushTokens: string[] };

/** The customer's preferences decide whether the channel may be used; a missing address is final. */
async function reachCustomer(db: Database, { request, channel, contacts }: SendMessageInput): Promise<Reach> {
  const { preferences, pushTokens } =
    contacts ?? (await getContacts(db, customerKeyOfNotice(request), channel === 'push'));
  if (canReach(request, preferences, channel, pushTokens.length)) {
    return {
      kind: 'reachable',
      locale: preferences.locale ?? request.customer.locale,
      pushTokens: pushTokens.map((t) => t.token),
    };
  }
  if (!preferences.channels.includes(channel) || preferences.disabled[channel]) {
    await recordSuppressed(db, request, channel, `customer is not reachable on ${channel} any more`);
    return { kind: 'suppressed' };
  }
  throw ApplicationFailure.nonRetryable(
    `customer ${request.customer.id} has no ${channel} address`,
    RECIPIENT_MISSING,
  );
}

function recipientFor({ request, channel }: SendMessageInput, pushTokens: string[]): string {
  if (channel === 'email') return request.customer.email ?? '';
  if (channel === 'sms') return request.customer.phone ?? '';
  return pushTokens.join(',');
}

/** Sends a claimed message and completes its record, or releases the claim with what is known. */
async function sendClaimed(
  deps: SendMessageDeps,
  input: SendMessageInput,
  message: RenderedEmail | RenderedSms | RenderedCard,
  record: DeliveryRecord,
  reconcile: boolean,
  pushTokens: string[],
): Promise<SendResult> {
  const key = record.delivery_key;
  try {
    const result =
      message.channel === 'email'
        ? await sendEmail(deps, input, message, key, reconcile)
        : message.channel === 'sms'
          ? await sendSms(deps, input, message, record, reconcile)
          : await sendPush(deps, input, message, record, reconcile, pushTokens);
    await completeDelivery(deps.db, key, result.providerMessageId);
    deps.heartbeat();
    return result;
  } catch (error) {
    if (error instanceof ProviderFailure) {
      await releaseDelivery(deps.db, key, error.definitelyNotSent ? 'failed' : 'unknown', error.message);
      throw asApplicationFailure(error);
    }
    await releaseDelivery(deps.db, key, 'unknown', error instanceof Error ? error.message : String(error));
    throw error;
  }
}

/**
 * The inbox item is written (at most once) before the record is claimed, so an attempt that finds
 * the claim still held by one that died after writing completes the record itself.
 */
async function completeInApp(deps: SendMessageDeps, input: SendMessageInput) {
  const claim = await claimDelivery(deps.db, {
    request: input.request,
    channel: 'in_app',
    recipient: input.request.customer.id,
    fallbackFor: input.fallbackFor,
    leaseMs: deps.leaseMs,
  });
  if (claim.kind !== 'done')
    await completeDelivery(deps.db, claim.record.delivery_key, `inbox:${input.request.eventId}`);
}

export { deliveryKey };
