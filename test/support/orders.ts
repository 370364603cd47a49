import { randomUUID } from 'node:crypto';
import type { OrderSubmission } from '../../src/domain/order';

/** A valid order submission; override any field. */
export function sampleOrder(overrides: Partial<OrderSubmission> = {}): OrderSubmission {
  return {
    channel: 'web',
    accountId: 'acme',
    externalId: `W-${randomUUID().slice(0, 8)}`,
    placedAt: '2026-11-20T10:00:00Z',
    customer: {
      id: 'cust-42',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '+14155550123',
      locale: 'en',
      timeZone: 'America/New_York',
    },
    lines: [{ sku: 'SKU-MUG', name: 'Mug', quantity: 2, unitPriceMinor: 1250 }],
    currency: 'USD',
    shippingAddress: {
      name: 'Ada Lovelace',
      line1: '1 Analytical Way',
      city: 'New York',
      region: 'NY',
      postalCode: '10001',
      country: 'US',
    },
    serviceLevel: 'standard',
    promisedDeliveryDate: '2026-11-27',
    ...overrides,
  };
}
