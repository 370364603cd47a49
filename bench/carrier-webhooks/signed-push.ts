import { signAfterShipBody } from '../../src/carriers/webhooks/aftership-webhook';
import { signEasyPostBody } from '../../src/carriers/webhooks/easypost-webhook';
import { signFedexBody } from '../../src/carriers/webhooks/fedex-webhook';
import {
  afterShipTrackingUpdate,
  easyPostTrackerUpdated,
} from '../../src/simulators/carriers/aggregator-format';
import { fedexTrackResult } from '../../src/simulators/carriers/fedex-format';
import { MILESTONES, type MilestoneKind } from '../../src/simulators/carriers/milestones';
import type { SimulatedShipment, WebhookChannel } from '../../src/simulators/carriers/shipment';
import { upsTrackAlertBody } from '../../src/simulators/carriers/ups-format';
import type { SimulatorWebhookSecrets } from '../../src/simulators/carriers/webhook-pusher';

export interface SignedPush {
  path: string;
  raw: string;
  headers: Record<string, string>;
}

/** A bearer token from the service's Track Alert token URL, as UPS gets one before pushing. */
export async function upsWebhookToken(
  baseUrl: string,
  credentials: { clientId: string; clientSecret: string },
): Promise<string> {
  const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64');
  const response = await fetch(`${baseUrl}/webhooks/ups/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  const body = (await response.json()) as { access_token?: string };
  if (!response.ok || !body.access_token) throw new Error(`UPS webhook token refused: ${response.status}`);
  return body.access_token;
}

/**
 * Records the next scan on the shipment (stamped `at`, whole seconds like the simulator's) and returns
 * the push announcing it, in the channel's wire format and signed as the simulator signs it.
 */
export function nextSignedPush(
  shipment: SimulatedShipment,
  channel: WebhookChannel,
  kind: MilestoneKind,
  at: number,
  secrets: Required<SimulatorWebhookSecrets>,
  upsToken: string,
): SignedPush {
  const previous = shipment.events[shipment.events.length - 1];
  const event = {
    kind,
    occurredAt: Math.floor(at / 1000) * 1000,
    city: 'INDIANAPOLIS',
    state: 'IN',
    estimatedDelivery: shipment.estimatedDelivery,
  };
  shipment.events.push(event);
  const json = { 'content-type': 'application/json' };
  switch (channel) {
    case 'fedex': {
      const raw = JSON.stringify({
        trackingNumber: shipment.trackingNumber,
        trackResults: [fedexTrackResult(shipment, [event])],
      });
      return {
        path: '/webhooks/fedex',
        raw,
        headers: { ...json, 'fdx-signature': signFedexBody(raw, secrets.fedex.securityToken) },
      };
    }
    case 'ups':
      return {
        path: '/webhooks/ups',
        raw: JSON.stringify(upsTrackAlertBody(shipment, event)),
        headers: {
          ...json,
          authorization: `Bearer ${upsToken}`,
          'x-api-key': secrets.ups.clientId,
          'user-agent': 'UPSPubSubTrackingService',
        },
      };
    case 'easypost': {
      const previousStatus = previous ? MILESTONES[previous.kind].easypost.status : undefined;
      const raw = JSON.stringify(easyPostTrackerUpdated(shipment, at, previousStatus));
      return {
        path: '/webhooks/easypost',
        raw,
        headers: { ...json, 'x-hmac-signature': signEasyPostBody(raw, secrets.easypost.webhookSecret) },
      };
    }
    case 'aftership': {
      const raw = JSON.stringify(afterShipTrackingUpdate(shipment, at));
      return {
        path: '/webhooks/aftership',
        raw,
        headers: {
          ...json,
          'aftership-hmac-sha256': signAfterShipBody(raw, secrets.aftership.webhookSecret),
        },
      };
    }
  }
}
