import type { MessageChannel } from '../message-channels';
import type { Milestone, OrderNotificationRequest } from '../contract';
import { renderMessage, type RenderConfig, type RenderedMessage } from './render';

/** A representative request for previews: every optional detail filled in. */
export function sampleRequest(milestone: Milestone, locale: string): OrderNotificationRequest {
  return {
    orderId: 'web:demo:1001',
    eventId: 'preview',
    milestone,
    occurredAt: '2025-03-10T15:04:05Z',
    customer: {
      id: 'customer-preview',
      name: locale.startsWith('de') ? 'Erika Mustermann' : 'Jane Doe',
      email: 'jane@example.com',
      phone: '+14155550123',
      locale,
      timeZone: locale.startsWith('de') ? 'Europe/Berlin' : 'America/New_York',
    },
    order: { externalId: '1001', channel: 'web', itemCount: 3 },
    details: {
      carrier: 'fedex',
      trackingNumber: '794612345678',
      estimatedDelivery: '2025-03-14',
      ...(milestone === 'cancelled' ? { reasonCode: 'customer_request' as const } : {}),
      ...(milestone === 'delivery_at_risk'
        ? { promisedDelivery: '2025-03-13', deliveryWindow: { earliest: '2025-03-13', latest: '2025-03-17' } }
        : {}),
    },
  };
}

/** Renders what a customer would get for a milestone on a channel, from the sample request. */
export function renderPreview(
  config: RenderConfig,
  milestone: Milestone,
  channel: MessageChannel,
  locale = 'en',
): RenderedMessage {
  return renderMessage(sampleRequest(milestone, locale), channel, config, locale);
}
