import { signAfterShipBody } from '../../carriers/webhooks/aftership-webhook';
import { signEasyPostBody } from '../../carriers/webhooks/easypost-webhook';
import { signFedexBody } from '../../carriers/webhooks/fedex-webhook';
import type { WebhookChannel } from './shipment';

/** The secrets the simulator signs with: the receiving service must hold the same ones. */
export interface SimulatorWebhookSecrets {
  fedex?: { securityToken: string };
  /** Client credentials Track Alert presents to the receiver's token URL. */
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
}

/**
 * Signs and POSTs webhook bodies to `${targetBaseUrl}/webhooks/<channel>` in each provider's format.
 * UPS first gets a bearer token from `${targetBaseUrl}/webhooks/ups/token` (client_secret_basic).
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
          'user-agent': 'UPSPubSubTrackingService',
        };
    }
  }

  return {
    async push(channel, body, copies) {
      const target = targetBaseUrl()?.replace(/\/+$/, '');
      if (!target) return [];
      const url = `${target}/webhooks/${channel}`;
      const raw = JSON.stringify(body);
      const deliveries: WebhookDelivery[] = [];
      for (let copy = 0; copy < copies; copy += 1) {
        try {
          const headers = await headersFor(channel, raw, target);
          if (!headers) return deliveries;
          const response = await fetch(url, { method: 'POST', headers, body: raw });
          await response.body?.cancel();
          deliveries.push({ channel, url, status: response.status });
        } catch (error) {
          deliveries.push({ channel, url, status: 0, error: String(error) });
        }
      }
      return deliveries;
    },
  };
}
