import { signAfterShipBody } from '../../carriers/webhooks/aftership-webhook';
import { signEasyPostBody } from '../../carriers/webhooks/easypost-webhook';
import { signFedexBody } from '../../carriers/webhooks/fedex-webhook';
import type { WebhookChannel } from './shipment';
import type { TrackAlertDestination } from './ups-subscription';

/** The secrets the simulator signs with: the receiving service must hold the same ones. */
export interface SimulatorWebhookSecrets {
  fedex?: { securityToken: string };
  /** Client credentials Track Alert v2 presents to the receiver's token URL (v1 uses the destination's credential). */
  ups?: { clientId: string; clientSecret: string };
  easypost?: { webhookSecret: string };
  aftership?: { webhookSecret: string };
}

export interface WebhookDelivery {
  channel: WebhookChannel;
  url: string;
  /** HTTP status, or 0 when the target could not be reached. */
  status: number;
  error?: string;
}

export interface WebhookPusher {
  push(channel: WebhookChannel, body: unknown, copies: number): Promise<WebhookDelivery[]>;
  /** A Track Alert v1 push: to the subscription's destination URL, with its credential. */
  pushTrackAlert(
    destination: TrackAlertDestination,
    body: unknown,
    copies: number,
  ): Promise<WebhookDelivery[]>;
}

/** Track Alert identifies itself with this User-Agent on every push. */
const TRACK_ALERT_USER_AGENT = 'UPSPubSubTrackingService';

async function postCopies(
  channel: WebhookChannel,
  url: string,
  raw: string,
  copies: number,
  headersFor: () => Promise<Record<string, string> | undefined>,
): Promise<WebhookDelivery[]> {
  const deliveries: WebhookDelivery[] = [];
  for (let copy = 0; copy < copies; copy += 1) {
    try {
      const headers = await headersFor();
      if (!headers) return deliveries;
      const response = await fetch(url, { method: 'POST', headers, body: raw });
      await response.body?.cancel();
      deliveries.push({ channel, url, status: response.status });
    } catch (error) {
      deliveries.push({ channel, url, status: 0, error: String(error) });
    }
  }
  return deliveries;
}

/**
 * Signs and POSTs webhook bodies to `${targetBaseUrl}/webhooks/<channel>` in each provider's format.
 * UPS v2 first gets a bearer token from `${targetBaseUrl}/webhooks/ups/token` (client_secret_basic);
 * UPS v1 pushes go to the subscription's destination URL with its `credential` header instead.
 */
export function createWebhookPusher(
  targetBaseUrl: () => string | undefined,
  secrets: SimulatorWebhookSecrets,
): WebhookPusher {
  let upsToken: { token: string; expiresAt: number; target: string } | undefined;

  async function upsBearer(
    target: string,
    credentials: { clientId: string; clientSecret: string },
  ): Promise<string> {
    if (upsToken && upsToken.target === target && Date.now() < upsToken.expiresAt) return upsToken.token;
    const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64');
    const response = await fetch(`${target}/webhooks/ups/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const body = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number };
    if (!response.ok || !body.access_token)
      throw new Error(`UPS webhook token refused: HTTP ${response.status}`);
    upsToken = {
      token: body.access_token,
      expiresAt: Date.now() + ((body.expires_in ?? 3600) - 60) * 1000,
      target,
    };
    return body.access_token;
  }

  async function headersFor(
    channel: WebhookChannel,
    raw: string,
    target: string,
  ): Promise<Record<string, string> | undefined> {
    const base = { 'content-type': 'application/json' };
    switch (channel) {
      case 'fedex':
        return secrets.fedex
          ? { ...base, 'fdx-signature': signFedexBody(raw, secrets.fedex.securityToken) }
          : undefined;
      case 'easypost':
        return secrets.easypost
          ? { ...base, 'x-hmac-signature': signEasyPostBody(raw, secrets.easypost.webhookSecret) }
          : undefined;
      case 'aftership':
        return secrets.aftership
          ? { ...base, 'aftership-hmac-sha256': signAfterShipBody(raw, secrets.aftership.webhookSecret) }
          : undefined;
      case 'ups':
        if (!secrets.ups) return undefined;
        return {
          ...base,
          authorization: `Bearer ${await upsBearer(target, secrets.ups)}`,
          'x-api-key': secrets.ups.clientId,
          'user-agent': TRACK_ALERT_USER_AGENT,
        };
    }
  }

  return {
    async push(channel, body, copies) {
      const target = targetBaseUrl()?.replace(/\/+$/, '');
      if (!target) return [];
      const raw = JSON.stringify(body);
      return postCopies(channel, `${target}/webhooks/${channel}`, raw, copies, () =>
        headersFor(channel, raw, target),
      );
    },
    async pushTrackAlert(destination, body, copies) {
      const headers = {
        'content-type': 'application/json',
        credential: destination.credential,
        'user-agent': TRACK_ALERT_USER_AGENT,
      };
      return postCopies('ups', destination.url, JSON.stringify(body), copies, async () => headers);
    },
  };
}
