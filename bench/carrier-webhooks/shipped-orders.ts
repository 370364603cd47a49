import type { Database } from '../../src/db/database';
import { countWithStatus, waitFor } from '../support/read-model';
import type { Carrier } from '../../src/domain/tracking-status';
import {
  newShipment,
  type SimulatedShipment,
  type WebhookChannel,
} from '../../src/simulators/carriers/shipment';
import { sampleOrder } from '../../test/support/orders';
import { daytimeZone } from '../support/daytime-zone';
import { withConcurrency } from '../support/pacing';
import { defaultCredentials } from '../../test/support/ops-credentials';

export interface ShippedOrder {
  orderId: string;
  channel: WebhookChannel;
  /** The carrier's view of the parcel, from which its pushes are built. */
  shipment: SimulatedShipment;
}

const CHANNELS: readonly WebhookChannel[] = ['fedex', 'ups', 'easypost', 'aftership'];

/** FedEx and UPS push for their own parcels; the aggregators carry both carriers' parcels. */
function carrierFor(channel: WebhookChannel, index: number): Carrier {
  if (channel === 'fedex' || channel === 'ups') return channel;
  return index % 8 < 4 ? 'ups' : 'fedex';
}

/** Every call here is idempotent (external and event IDs): a 5xx on a loaded machine is tried again. */
async function call(baseUrl: string, method: string, route: string, body: unknown): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(`${baseUrl}${route}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(await defaultCredentials(baseUrl, method, route, body)),
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.ok) return text ? (JSON.parse(text) as unknown) : undefined;
    if (response.status < 500 || attempt >= 5) {
      throw new Error(`${method} ${route} answered ${response.status}: ${text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
  }
}

/**
 * Creates `count` orders through the API and takes each through the warehouse to "shipped", the way
 * the warehouse would (picked, packed, shipped), `concurrency` orders at a time. Channels rotate over
 * FedEx, UPS Track Alert, EasyPost and AfterShip; each order's carrier matches its channel.
 */
export async function shipOrders(input: {
  baseUrl: string;
  db: Database;
  prefix: string;
  count: number;
  sku: string;
  concurrency: number;
  /** The carrier simulator the order workflows register their shipments with. */
  simulatorUrl: string;
}): Promise<ShippedOrder[]> {
  const { baseUrl, db, prefix, count, sku, concurrency, simulatorUrl } = input;
  const orderIds: string[] = [];
  await withConcurrency(count, concurrency, async (i) => {
    const base = sampleOrder({
      externalId: `${prefix}-${i}`,
      lines: [{ sku, quantity: 1, unitPriceMinor: 999 }],
    });
    const created = (await call(baseUrl, 'POST', '/orders', {
      ...base,
      customer: { ...base.customer, timeZone: daytimeZone() },
      promisedDeliveryDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    })) as { orderId: string };
    orderIds[i] = created.orderId;
  });
  await waitFor(async () => (await countWithStatus(db, orderIds, 'reserved')) === count, 180_000);

  const shipped: ShippedOrder[] = [];
  await withConcurrency(count, concurrency, async (i) => {
    const orderId = orderIds[i]!;
    const route = `/orders/${encodeURIComponent(orderId)}/events`;
    const channel = CHANNELS[i % CHANNELS.length]!;
    const carrier = carrierFor(channel, i);
    const service = carrier === 'fedex' ? 'FEDEX_GROUND' : 'standard';
    await call(baseUrl, 'POST', route, { eventId: 'picked-1', type: 'picked' });
    await call(baseUrl, 'POST', route, { eventId: 'packed-1', type: 'packed' });
    const result = (await call(baseUrl, 'POST', route, {
      eventId: 'shipped-1',
      type: 'shipped',
      carrier,
      service,
    })) as { order: { shipment: { trackingNumber: string } } };
    shipped[i] = {
      orderId,
      channel,
      shipment: newShipment({
        carrier,
        trackingNumber: result.order.shipment.trackingNumber,
        service,
        scenario: 'normal_delivery',
        channels: [channel],
        now: Date.now(),
      }),
    };
  });
  await waitFor(async () => (await countWithStatus(db, orderIds, 'shipped')) === count, 180_000);
  // Every workflow has linked its number with the carrier: nothing of the shipping is still running.
  const unregistered = new Set(shipped.map((order) => order.shipment.trackingNumber));
  await waitFor(async () => {
    for (const number of [...unregistered]) {
      const response = await fetch(`${simulatorUrl}/simulator/shipments/${number}`);
      await response.arrayBuffer();
      if (response.ok) unregistered.delete(number);
    }
    return unregistered.size === 0;
  }, 180_000);
  return shipped;
}
