import { ApplicationFailure } from '@temporalio/common';
import type { Database } from '../../db/database';
import type { MessageChannel } from '../message-channels';
import type { NotificationConfig } from '../config';
import type { OrderNotificationRequest } from '../contract';
import { addInboxItem } from '../inbox/store';
import { canReach } from '../preferences/preferences';
import { getPreferences, listPushTokens, removePushToken } from '../preferences/store';
import { ProviderFailure } from '../providers/provider-failure';
import type { OutgoingEmail, OutgoingPush, OutgoingSms, Providers } from '../providers/types';
import { renderMessage, type RenderedCard, type RenderedEmail, type RenderedSms } from '../templates/render';
import { deliveryKey } from './delivery-key';
import { DELIVERY_FAILURE_TYPES, DELIVERY_IN_FLIGHT, RECIPIENT_MISSING } from './failure-types';
import {
  claimDelivery,
  completeDelivery,
  recordDeliveryPart,
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
  const { db, config } = deps;
  const { request, channel } = input;
  const preferences = await getPreferences(db, request.customer.id);
  const tokens = channel === 'push' ? await listPushTokens(db, request.customer.id) : [];
  if (!canReach(request, preferences, channel, tokens.length)) {
    if (!preferences.channels.includes(channel) || preferences.disabled[channel]) {
      await recordSuppressed(db, request, channel, `customer is not reachable on ${channel} any more`);
      return { channel, status: 'suppressed' };
    }
    throw ApplicationFailure.nonRetryable(
      `customer ${request.customer.id} has no ${channel} address`,
      RECIPIENT_MISSING,
    );
  }
  const locale = input.locale ?? preferences.locale ?? request.customer.locale;
  const message = renderMessage(request, channel, config, locale);

  if (message.channel === 'in_app') {
    await addInboxItem(db, request, message);
    await completeInApp(deps, input);
    return { channel, status: 'sent' };
  }

  const recipient =
    channel === 'email'
      ? request.customer.email
      : channel === 'sms'
        ? request.customer.phone
        : tokens.map((t) => t.token).join(',');
  const claim = await claimDelivery(db, {
    request,
    channel,
    recipient: recipient ?? '',
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
  const key = claim.record.delivery_key;
  try {
    const result =
      message.channel === 'email'
        ? await sendEmail(deps, input, message, key, claim.reconcile)
        : message.channel === 'sms'
          ? await sendSms(deps, input, message, claim.record, claim.reconcile)
          : await sendPush(
              deps,
              input,
              message,
              claim.record,
              claim.reconcile,
              tokens.map((t) => t.token),
            );
    await completeDelivery(db, key, result.providerMessageId);
    deps.heartbeat();
    return { channel, ...result };
  } catch (error) {
    if (error instanceof ProviderFailure) {
      await releaseDelivery(db, key, error.definitelyNotSent ? 'failed' : 'unknown', error.message);
      throw asApplicationFailure(error);
    }
    await releaseDelivery(db, key, 'unknown', error instanceof Error ? error.message : String(error));
    throw error;
  }
}

async function completeInApp(deps: SendMessageDeps, input: SendMessageInput) {
  const claim = await claimDelivery(deps.db, {
    request: input.request,
    channel: 'in_app',
    recipient: input.request.customer.id,
    fallbackFor: input.fallbackFor,
    leaseMs: deps.leaseMs,
  });
  if (claim.kind === 'claimed')
    await completeDelivery(deps.db, claim.record.delivery_key, `inbox:${input.request.eventId}`);
}

type SendResult = { status: 'sent' | 'reconciled'; providerMessageId: string };

async function sendEmail(
  deps: SendMessageDeps,
  input: SendMessageInput,
  message: RenderedEmail,
  key: string,
  reconcile: boolean,
): Promise<SendResult> {
  const email: OutgoingEmail = {
    deliveryKey: key,
    to: input.request.customer.email ?? '',
    toName: input.request.customer.name,
    subject: message.subject,
    html: message.html,
    text: message.text,
    unsubscribeUrl: message.unsubscribeUrl,
  };
  if (reconcile) {
    const accepted = await deps.providers.email.findAccepted(email);
    if (accepted) return { status: 'reconciled', providerMessageId: accepted };
  }
  return { status: 'sent', providerMessageId: await deps.providers.email.send(email) };
}

async function sendSms(
  deps: SendMessageDeps,
  input: SendMessageInput,
  message: RenderedSms,
  record: DeliveryRecord,
  reconcile: boolean,
): Promise<SendResult> {
  const callback = new URL(`${deps.config.publicBaseUrl}/webhooks/twilio/status`);
  callback.searchParams.set('delivery', record.delivery_key);
  const sms: OutgoingSms = {
    deliveryKey: record.delivery_key,
    to: input.request.customer.phone ?? '',
    body: message.body,
    statusCallbackUrl: callback.toString(),
    claimedAt: new Date(record.claimed_at ?? Date.now()),
  };
  if (reconcile) {
    const accepted = await deps.providers.sms.findAccepted(sms);
    if (accepted) return { status: 'reconciled', providerMessageId: accepted };
  }
  return { status: 'sent', providerMessageId: await deps.providers.sms.send(sms) };
}

/** One FCM request per device; tokens FCM calls unregistered are forgotten. */
async function sendPush(
  deps: SendMessageDeps,
  input: SendMessageInput,
  message: RenderedCard,
  record: DeliveryRecord,
  reconcile: boolean,
  tokens: string[],
): Promise<SendResult> {
  const accepted: string[] = Object.values(record.parts ?? {});
  let rejected: ProviderFailure | undefined;
  let reconciledAny = false;
  for (const token of tokens) {
    if (record.parts?.[token]) continue;
    const push: OutgoingPush = {
      deliveryKey: record.delivery_key,
      token,
      title: message.title,
      body: message.body,
      link: message.link,
      orderId: input.request.orderId,
    };
    let name = reconcile ? await deps.providers.push.findAccepted(push) : undefined;
    reconciledAny ||= Boolean(name);
    if (!name) {
      try {
        name = await deps.providers.push.send(push);
      } catch (error) {
        if (error instanceof ProviderFailure && error.kind === 'recipient_rejected') {
          await removePushToken(deps.db, token);
          rejected = error;
          continue;
        }
        throw error;
      }
    }
    await recordDeliveryPart(deps.db, record.delivery_key, token, name);
    accepted.push(name);
    deps.heartbeat();
  }
  if (accepted.length === 0) {
    throw rejected ?? new ProviderFailure('recipient_rejected', 'no device token accepted the push', true);
  }
  return { status: reconciledAny ? 'reconciled' : 'sent', providerMessageId: accepted.join(',') };
}

export { deliveryKey };
