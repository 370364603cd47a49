import assert from 'node:assert/strict';
import type { Client } from '@temporalio/client';
import type { Carrier, CarrierTrackingEvent, TrackingStatus } from '../../src/domain/tracking-status';
import { sendFulfillmentEvent } from '../../src/orders/order-client';
import { carrierUpdateSignal, orderWorkflowId } from '../../src/workflows/order/contract';
import { eventually, orderPath, request } from './http';

export function carrierScan(
  trackingNumber: string,
  eventId: string,
  status: TrackingStatus,
  occurredAt = new Date().toISOString(),
): CarrierTrackingEvent {
  return {
    eventId,
    carrier: 'ups',
    trackingNumber,
    status,
    occurredAt,
    rawCode: status.toUpperCase(),
    rawDescription: status,
    via: 'ups',
  };
}

/** Takes a reserved order through the warehouse to "shipped" over HTTP; returns its tracking number. */
export async function shipOrder(baseUrl: string, orderId: string): Promise<string> {
  await eventually(async () =>
    (await request(baseUrl, 'GET', orderPath(orderId))).body.status === 'reserved' ? true : undefined,
  );
  for (const type of ['picked', 'packed'] as const) {
    const response = await request(baseUrl, 'POST', `${orderPath(orderId)}/events`, {
      eventId: `${type}-1`,
      type,
    });
    assert.equal(response.status, 200, JSON.stringify(response.body));
  }
  const shipped = await request<{ order: { shipment: { trackingNumber: string } } }>(
    baseUrl,
    'POST',
    `${orderPath(orderId)}/events`,
    { eventId: 'shipped-1', type: 'shipped', carrier: 'ups', service: 'standard' },
  );
  assert.equal(shipped.status, 200);
  return shipped.body.order.shipment.trackingNumber;
}

/**
 * Picked, packed and shipped through the order client (no HTTP API), event IDs ending in `suffix`;
 * returns the tracking number the shipment got.
 */
export async function shipThroughClient(
  client: Client,
  orderId: string,
  shipment: { carrier: Carrier; service: string },
  suffix = '',
): Promise<string> {
  for (const type of ['picked', 'packed'] as const)
    await sendFulfillmentEvent(client, orderId, { eventId: `${type}${suffix}`, type });
  const shipped = await sendFulfillmentEvent(client, orderId, {
    eventId: `shipped${suffix}`,
    type: 'shipped',
    ...shipment,
  });
  return shipped.order.shipment!.trackingNumber!;
}

/** Carrier scans in transit → out for delivery → delivered, signalled the way the webhooks do. */
export async function deliverOrder(client: Client, orderId: string, trackingNumber: string): Promise<void> {
  const handle = client.workflow.getHandle(orderWorkflowId(orderId));
  const start = Date.now();
  const steps: TrackingStatus[] = ['picked_up', 'in_transit', 'out_for_delivery', 'delivered'];
  for (const [index, status] of steps.entries()) {
    const at = new Date(start + (index + 1) * 1000).toISOString();
    await handle.signal(carrierUpdateSignal, carrierScan(trackingNumber, `scan-${index}`, status, at));
  }
}
