import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { shopifyOrderWebhook } from '../../../src/simulators/channels/webhooks';
import { SECRETS, startHarness, type Harness } from './harness';

const order = JSON.parse(
  readFileSync(path.join(__dirname, '../../fixtures/channels/shopify-orders-create.json'), 'utf8'),
) as Record<string, unknown>;

/**
 * An API process killed between claiming a delivery and starting its order leaves the claim in
 * `processing`. The channel's redelivery must not be told "duplicate" (a 2xx ends its retries and
 * the order is never started): it is asked to come back, and once the claim lapses it is admitted.
 */
describe('a delivery whose earlier attempt was cut off', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  async function claimLeftBy(webhookId: string, agoSeconds: number): Promise<void> {
    await h.database.db.query(
      `INSERT INTO intake_deliveries (channel, account_id, delivery_id, outcome, updated_at)
       VALUES ('shopify', 'northwind-outdoor', $1, 'processing', now() - make_interval(secs => $2))`,
      [webhookId, agoSeconds],
    );
  }

  it('is answered 503 with Retry-After while the claim holds, and no order starts', async () => {
    const delivery = shopifyOrderWebhook({ ...order, id: 5829184770001 }, SECRETS.shopify, {
      webhookId: 'cut-off-1',
    });
    await claimLeftBy('cut-off-1', 0);
    const before = h.starter.calls;
    const response = await h.post('/intake/shopify/northwind-outdoor', delivery.body, delivery.headers);
    assert.equal(response.status, 503, JSON.stringify(response.json));
    assert.ok(Number(response.headers.get('retry-after')) > 0, 'Retry-After tells the channel when');
    assert.equal(h.starter.calls, before);
  });

  it('is admitted once the claim has lapsed', async () => {
    const delivery = shopifyOrderWebhook({ ...order, id: 5829184770002 }, SECRETS.shopify, {
      webhookId: 'cut-off-2',
    });
    await claimLeftBy('cut-off-2', 180);
    const response = await h.post('/intake/shopify/northwind-outdoor', delivery.body, delivery.headers);
    assert.equal(response.status, 201, JSON.stringify(response.json));
    assert.equal(response.json.orderId, 'shopify:northwind-outdoor:5829184770002');
  });
});
