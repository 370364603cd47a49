import { nextSignedPush, type SignedPush } from '../carrier-webhooks/signed-push';
import type { MilestoneKind } from '../../src/simulators/carriers/milestones';
import { newShipment, type WebhookChannel } from '../../src/simulators/carriers/shipment';

/** The webhook secrets the chaos run's service and its carrier pushes share. */
export const CHAOS_WEBHOOK_SECRETS = {
  fedex: { securityToken: 'chaos-fedex-token' },
  ups: { clientId: 'chaos-ups-webhook', clientSecret: 'chaos-ups-webhook-secret' },
  easypost: { webhookSecret: 'chaos-easypost-secret' },
  aftership: { webhookSecret: 'chaos-aftership-secret' },
};

export const CHAOS_WEBHOOK_ENV = {
  FEDEX_WEBHOOK_SECRET: CHAOS_WEBHOOK_SECRETS.fedex.securityToken,
  UPS_WEBHOOK_CLIENT_ID: CHAOS_WEBHOOK_SECRETS.ups.clientId,
  UPS_WEBHOOK_CLIENT_SECRET: CHAOS_WEBHOOK_SECRETS.ups.clientSecret,
  EASYPOST_WEBHOOK_SECRET: CHAOS_WEBHOOK_SECRETS.easypost.webhookSecret,
  AFTERSHIP_WEBHOOK_SECRET: CHAOS_WEBHOOK_SECRETS.aftership.webhookSecret,
};

const JOURNEY: MilestoneKind[] = ['picked_up', 'in_transit', 'out_for_delivery', 'delivered'];

/** FedEx's own webhook, or an aggregator whose every push carries the whole tracking history. */
export const PUSH_CHANNELS: WebhookChannel[] = ['fedex', 'easypost', 'aftership'];

/**
 * The carrier's pushes for one FedEx parcel from pickup to delivery, in the order the scans
 * happened (one second apart), signed for `channel`.
 */
export function journeyPushes(trackingNumber: string, channel: WebhookChannel): SignedPush[] {
  const now = Date.now();
  const shipment = newShipment({
    carrier: 'fedex',
    trackingNumber,
    service: 'ground',
    scenario: 'normal_delivery',
    channels: [channel],
    now,
  });
  return JOURNEY.map((kind, step) =>
    nextSignedPush(shipment, channel, kind, now + (step + 1) * 1000, CHAOS_WEBHOOK_SECRETS, ''),
  );
}
