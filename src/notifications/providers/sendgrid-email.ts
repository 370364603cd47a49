import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';
import type { NotificationConfig } from '../config';
import { kindForStatus, ProviderFailure, retryAfterMs } from './provider-failure';
import type { EmailProvider, OutgoingEmail } from './types';

/** The custom arg SendGrid echoes in every event webhook entry and indexes in Email Activity. */
export const DELIVERY_KEY_ARG = 'delivery_key';

interface SendGridErrorBody {
  errors?: { message?: string; field?: string | null }[];
}

function toFailure(error: unknown): ProviderFailure {
  const candidate = error as {
    code?: number | string;
    response?: { body?: unknown; headers?: Record<string, string> };
    message?: string;
  };
  if (typeof candidate.code === 'number' && candidate.response) {
    const body = (
      typeof candidate.response.body === 'object' ? candidate.response.body : {}
    ) as SendGridErrorBody;
    const first = body.errors?.[0];
    const detail = first
      ? `${first.message ?? ''}${first.field ? ` (${first.field})` : ''}`
      : String(candidate.message);
    const recipientProblem =
      candidate.code === 400 && /personalizations\.\d+\.to|email/i.test(first?.field ?? '');
    const kind = recipientProblem ? 'recipient_rejected' : kindForStatus(candidate.code);
    return new ProviderFailure(
      kind,
      `SendGrid ${candidate.code}: ${detail}`,
      true,
      retryAfterMs(candidate.response.headers?.['retry-after']),
    );
  }
  const code = String(candidate.code ?? '');
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(candidate.message ?? '')) {
    return new ProviderFailure('timeout', 'SendGrid did not answer in time', false);
  }
  return new ProviderFailure(
    'unavailable',
    `SendGrid could not be reached: ${candidate.message}`,
    code === 'ECONNREFUSED',
  );
}

/** Email through the official @sendgrid/mail client, at SendGrid or any API-compatible base URL. */
export function createSendGridEmailProvider(
  config: Pick<NotificationConfig, 'sendgrid' | 'brand' | 'providerTimeoutMs'>,
): EmailProvider {
  const client = new Client();
  client.setApiKey(config.sendgrid.apiKey);
  // setApiKey() resets the base URL to SendGrid's own, so the configured one goes in afterwards.
  client.setDefaultRequest('baseUrl', config.sendgrid.apiUrl);
  const mail = new MailService();
  mail.setClient(client);
  mail.setTimeout(config.providerTimeoutMs);

  return {
    async send(email: OutgoingEmail) {
      try {
        const [response] = await mail.send({
          to: { email: email.to, name: email.toName },
          from: { email: config.brand.fromEmail, name: config.brand.fromName },
          subject: email.subject,
          text: email.text,
          html: email.html,
          customArgs: { [DELIVERY_KEY_ARG]: email.deliveryKey },
          headers: {
            'List-Unsubscribe': `<${email.unsubscribeUrl}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
        });
        const headers = response.headers as Record<string, string | undefined>;
        return headers['x-message-id'] ?? '';
      } catch (error) {
        throw toFailure(error);
      }
    },

    /** Looks the delivery key up in the Email Activity API (GET /v3/messages). */
    async findAccepted(email: OutgoingEmail) {
      try {
        const [, body] = await client.request({
          method: 'GET',
          url: '/v3/messages',
          qs: { query: `unique_args['${DELIVERY_KEY_ARG}']="${email.deliveryKey}"`, limit: 1 },
        });
        const messages = (body as { messages?: { msg_id?: string }[] }).messages ?? [];
        return messages[0]?.msg_id;
      } catch (error) {
        throw toFailure(error);
      }
    },
  };
}
