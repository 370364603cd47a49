import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSync } from '../../src/orders/sync-check';
import { startOrderStack, type OrderStack } from '../support/order-stack';
import { eventually, orderPath, request } from '../support/http';
import { deliverOrder, shipOrder } from '../support/lifecycle-driver';
import { sampleOrder } from '../support/orders';

describe('embedded PGlite runs the same migrations and lifecycle', () => {
  let stack: OrderStack;
  before(async () => {
    stack = await startOrderStack({ database: 'pglite' });
  });
  after(async () => {
    await stack?.stop();
  });

  test('an order goes from received to delivered and the read model stays in sync', async () => {
    const migrations = await stack.database.db.query<{ name: string }>('SELECT name FROM schema_migrations');
    assert.ok(migrations.rows.some((row) => row.name === '001_order_core.sql'));

    await request(stack.baseUrl, 'PUT', '/inventory/SKU-MUG', { onHand: 3 });
    const created = await request(stack.baseUrl, 'POST', '/orders', sampleOrder({ externalId: 'PGLITE-1' }));
    assert.equal(created.status, 201);
    const orderId = created.body.orderId as string;
    const trackingNumber = await shipOrder(stack.baseUrl, orderId);
    await deliverOrder(stack.env.client, orderId, trackingNumber);
    const delivered = await eventually(async () => {
      const body = (await request(stack.baseUrl, 'GET', orderPath(orderId))).body;
      return body.status === 'delivered' ? body : undefined;
    });
    assert.equal((delivered.shipments as { trackingNumber: string }[])[0]?.trackingNumber, trackingNumber);
    assert.deepEqual((await checkSync(stack.database.db, stack.env.client)).mismatches, []);
  });
});
