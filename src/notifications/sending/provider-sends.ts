import type { Database } from '../../db/database';
import { customerKeyOfNotice } from '../customer-key';
import { removePushToken } from '../preferences/store';
import { ProviderFailure } from '../providers/provider-failure';
import type { OutgoingEmail, OutgoingPush, OutgoingSms, Providers } from '../providers/types';
import type { RenderedCard, RenderedEmail, RenderedSms } from '../templates/render';
import type { NotificationConfig } from '../config';
import type { DeliveryRecord } from './records';
import { recordDeliveryPart } from './records';
import type { SendMessageInput } from './send-message';

/** What a provider send needs of the sending context. */
export interface ProviderSendDeps {
  db: Database;
  config: NotificationConfig;
  providers: Providers;
  heartbeat: () => void;
}

export type SendResult = { status: 'sent' | 'reconciled'; providerMessageId: string };

export async function sendEmail(
  deps: ProviderSendDeps,
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

export async function sendSms(
  deps: ProviderSendDeps,
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
export async function sendPush(
  deps: ProviderSendDeps,
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
          await removePushToken(deps.db, customerKeyOfNotice(input.request), token);
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
