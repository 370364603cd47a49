import type { NotificationConfig } from '../config';
import { failureFromFetchError, kindForStatus, ProviderFailure, retryAfterMs } from './provider-failure';
import type { OutgoingSms, SmsProvider } from './types';

/** Twilio error codes that mean this number cannot get SMS: invalid, unsubscribed (STOP), landline. */
export const TWILIO_RECIPIENT_ERRORS: ReadonlySet<number> = new Set([
  21211, 21214, 21610, 21614, 30005, 30006,
]);

interface TwilioMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  status: string;
  date_created: string;
}

/**
 * SMS in the Twilio Messages REST format (form body, Basic auth). The twilio package has no
 * configurable API host, so this speaks the format directly to TWILIO_API_URL.
 */
export function createTwilioSmsProvider(
  config: Pick<NotificationConfig, 'twilio' | 'providerTimeoutMs'>,
): SmsProvider {
  const { apiUrl, accountSid, authToken, fromNumber } = config.twilio;
  const messagesUrl = `${apiUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;

  async function call(url: string, init: RequestInit): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(url, {
        ...init,
        headers: { Authorization: authorization, Accept: 'application/json', ...init.headers },
        signal: AbortSignal.timeout(config.providerTimeoutMs),
      });
    } catch (error) {
      throw failureFromFetchError('Twilio', error);
    }
    const body = (await response.json().catch(() => ({}))) as { code?: number; message?: string };
    if (!response.ok) {
      const recipient = body.code !== undefined && TWILIO_RECIPIENT_ERRORS.has(body.code);
      throw new ProviderFailure(
        recipient ? 'recipient_rejected' : kindForStatus(response.status),
        `Twilio ${response.status}${body.code ? ` error ${body.code}` : ''}: ${body.message ?? response.statusText}`,
        true,
        retryAfterMs(response.headers.get('retry-after')),
        body.code === undefined ? undefined : String(body.code),
      );
    }
    return body;
  }

  return {
    async send(sms: OutgoingSms) {
      const form = new URLSearchParams({
        To: sms.to,
        From: fromNumber,
        Body: sms.body,
        StatusCallback: sms.statusCallbackUrl,
      });
      const message = (await call(messagesUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      })) as TwilioMessage;
      return message.sid;
    },

    /** Lists recent messages to the same number and matches the exact body sent since the claim. */
    async findAccepted(sms: OutgoingSms) {
      const query = new URLSearchParams({ To: sms.to, From: fromNumber, PageSize: '50' });
      const page = (await call(`${messagesUrl}?${query.toString()}`, { method: 'GET' })) as {
        messages?: TwilioMessage[];
      };
      const since = sms.claimedAt.getTime() - 60_000;
      return page.messages?.find(
        (message) => message.body === sms.body && new Date(message.date_created).getTime() >= since,
      )?.sid;
    },
  };
}
