import { createHmac, randomUUID } from 'node:crypto';

export interface SignedDelivery {
  body: string;
  headers: Record<string, string>;
}

function hmac(secret: string, ...parts: string[]): string {
  const mac = createHmac('sha256', secret);
  for (const part of parts) mac.update(part);
  return mac.digest('base64');
}

/** A Shopify orders/create delivery as Shopify sends it. */
export function shopifyOrderWebhook(
  order: unknown,
  secret: string,
  options: { webhookId?: string; triggeredAt?: string; shopDomain?: string; topic?: string } = {},
): SignedDelivery {
  const body = JSON.stringify(order);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': options.topic ?? 'orders/create',
      'x-shopify-hmac-sha256': hmac(secret, body),
      'x-shopify-shop-domain': options.shopDomain ?? 'northwind-outdoor.myshopify.com',
      'x-shopify-api-version': '2024-07',
      'x-shopify-webhook-id': options.webhookId ?? randomUUID(),
      'x-shopify-triggered-at': options.triggeredAt ?? new Date().toISOString(),
      'x-shopify-event-id': randomUUID(),
    },
  };
}

/** A WooCommerce order.created / order.updated delivery. */
export function wooOrderWebhook(
  order: unknown,
  secret: string,
  options: { deliveryId?: string; topic?: string; source?: string } = {},
): SignedDelivery {
  const body = JSON.stringify(order);
  const topic = options.topic ?? 'order.created';
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-wc-webhook-source': options.source ?? 'https://shop.example.de/',
      'x-wc-webhook-topic': topic,
      'x-wc-webhook-resource': topic.split('.')[0] ?? 'order',
      'x-wc-webhook-event': topic.split('.')[1] ?? 'created',
      'x-wc-webhook-signature': hmac(secret, body),
      'x-wc-webhook-id': '14',
      'x-wc-webhook-delivery-id': options.deliveryId ?? String(Math.floor(Math.random() * 1e9)),
    },
  };
}

/** A Square order event; Square signs the notification URL followed by the body. */
export function squareOrderWebhook(
  event: { merchantId: string; orderId: string; eventId?: string; type?: string; locationId?: string },
  signatureKey: string,
  notificationUrl: string,
): SignedDelivery {
  const type = event.type ?? 'order.created';
  const objectKey = type === 'order.updated' ? 'order_updated' : 'order_created';
  const now = new Date().toISOString();
  const body = JSON.stringify({
    merchant_id: event.merchantId,
    type,
    event_id: event.eventId ?? randomUUID(),
    created_at: now,
    data: {
      type: objectKey,
      id: event.orderId,
      object: {
        [objectKey]: {
          created_at: now,
          location_id: event.locationId ?? 'FPYCBCHYMXFK1',
          order_id: event.orderId,
          state: 'OPEN',
          version: 1,
        },
      },
    },
  });
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-square-hmacsha256-signature': hmac(signatureKey, notificationUrl, body),
    },
  };
}

/** Any Square webhook event body, signed as Square signs it (notification URL followed by the body). */
export function squareSignedEvent(
  event: unknown,
  signatureKey: string,
  notificationUrl: string,
): SignedDelivery {
  const body = JSON.stringify(event);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-square-hmacsha256-signature': hmac(signatureKey, notificationUrl, body),
    },
  };
}

/** An SP-API ORDER_CHANGE notification as relayed from its SQS queue. */
export function amazonOrderChangeNotification(
  sellerId: string,
  amazonOrderId: string,
  options: { notificationId?: string; orderStatus?: string; token?: string } = {},
): SignedDelivery {
  const now = new Date().toISOString();
  const body = JSON.stringify({
    NotificationVersion: '1.0',
    NotificationType: 'ORDER_CHANGE',
    PayloadVersion: '1.0',
    EventTime: now,
    Payload: {
      OrderChangeNotification: {
        NotificationLevel: 'OrderLevel',
        SellerId: sellerId,
        AmazonOrderId: amazonOrderId,
        OrderChangeType: 'OrderStatusChange',
        OrderChangeTrigger: { TimeOfOrderChange: now, ChangeReason: 'Order status changed' },
        Summary: {
          MarketplaceId: 'ATVPDKIKX0DER',
          OrderStatus: options.orderStatus ?? 'Unshipped',
          FulfillmentType: 'MFN',
        },
      },
    },
    NotificationMetadata: {
      ApplicationId: 'amzn1.sellerapps.app.f1234566-aaec-55a6-b123-bcb752069ec5',
      SubscriptionId: '93b098e1-c42-2f45-93a1-78910a6a8369',
      PublishTime: now,
      NotificationId: options.notificationId ?? randomUUID(),
    },
  });
  return {
    body,
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
  };
}
