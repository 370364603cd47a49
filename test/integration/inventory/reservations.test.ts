import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createInventoryActivities } from '../../../src/activities/inventory';
import { createShipmentActivities } from '../../../src/activities/shipments';
import { createTestDatabase, type TestDatabase } from '../../support/database';

describe('stock reservations', () => {
  let database: TestDatabase;
  let inventory: ReturnType<typeof createInventoryActivities>;

  const stockOf = async (sku: string) =>
    (
      await database.db.query<{ on_hand: number; reserved: number }>(
        'SELECT on_hand, reserved FROM inventory WHERE sku = $1',
        [sku],
      )
    ).rows[0];
  const rowsOf = async (table: 'reservations' | 'backorders', orderId: string) =>
    (
      await database.db.query<{ sku: string; quantity: number }>(
        `SELECT sku, quantity FROM ${table} WHERE order_id = $1 ORDER BY sku`,
        [orderId],
      )
    ).rows;
  const stock = (sku: string, onHand: number) =>
    database.db.query('INSERT INTO inventory (sku, on_hand) VALUES ($1, $2)', [sku, onHand]);

  before(async () => {
    database = await createTestDatabase();
    inventory = createInventoryActivities(database.db);
  });
  after(async () => {
    await database?.drop();
  });

  test('an order takes every line or none; the short lines become its backorders', async () => {
    await stock('RSV-A', 5);
    await stock('RSV-B', 1);
    const short = await inventory.reserveInventory({
      orderId: 'rsv-1',
      lines: [
        { sku: 'RSV-B', quantity: 1 },
        { sku: 'RSV-A', quantity: 2 },
        { sku: 'RSV-B', quantity: 1 },
        { sku: 'RSV-NONE', quantity: 1 },
      ],
    });
    assert.deepEqual(short, {
      reserved: false,
      shortages: [
        { sku: 'RSV-B', requested: 2, available: 1 },
        { sku: 'RSV-NONE', requested: 1, available: 0 },
      ],
    });
    assert.deepEqual(await stockOf('RSV-A'), { on_hand: 5, reserved: 0 });
    assert.deepEqual(await rowsOf('reservations', 'rsv-1'), []);
    assert.deepEqual(await rowsOf('backorders', 'rsv-1'), [
      { sku: 'RSV-B', quantity: 2 },
      { sku: 'RSV-NONE', quantity: 1 },
    ]);

    await database.db.query(`UPDATE inventory SET on_hand = 3 WHERE sku = 'RSV-B'`);
    const served = await inventory.reserveInventory({
      orderId: 'rsv-1',
      lines: [
        { sku: 'RSV-A', quantity: 2 },
        { sku: 'RSV-B', quantity: 2 },
      ],
    });
    assert.deepEqual(served, { reserved: true });
    assert.deepEqual(await stockOf('RSV-A'), { on_hand: 5, reserved: 2 });
    assert.deepEqual(await stockOf('RSV-B'), { on_hand: 3, reserved: 2 });
    assert.deepEqual(await rowsOf('reservations', 'rsv-1'), [
      { sku: 'RSV-A', quantity: 2 },
      { sku: 'RSV-B', quantity: 2 },
    ]);
    assert.deepEqual(await rowsOf('backorders', 'rsv-1'), []);

    const again = await inventory.reserveInventory({
      orderId: 'rsv-1',
      lines: [{ sku: 'RSV-A', quantity: 2 }],
    });
    assert.deepEqual(again, { reserved: true });
    assert.deepEqual(
      await stockOf('RSV-A'),
      { on_hand: 5, reserved: 2 },
      'a repeated reservation takes nothing more',
    );
  });

  test('orders racing for a hot SKU never take more than is on hand', async () => {
    await stock('RSV-HOT', 10);
    await stock('RSV-SIDE', 100);
    const orders = Array.from({ length: 30 }, (_, i) => ({
      orderId: `rsv-hot-${i}`,
      // Half the orders also want a second SKU, listed first: locks are still taken in SKU order.
      lines:
        i % 2 === 0
          ? [{ sku: 'RSV-HOT', quantity: 1 }]
          : [
              { sku: 'RSV-SIDE', quantity: 1 },
              { sku: 'RSV-HOT', quantity: 1 },
            ],
    }));
    const results = await Promise.all(orders.map((order) => inventory.reserveInventory(order)));
    const winners = orders.filter((_, i) => results[i]!.reserved);
    assert.equal(winners.length, 10);
    assert.deepEqual(await stockOf('RSV-HOT'), { on_hand: 10, reserved: 10 });
    const sideWinners = winners.filter((order) => order.lines.length === 2).length;
    assert.deepEqual(await stockOf('RSV-SIDE'), { on_hand: 100, reserved: sideWinners });
    const backordered = await database.db.query<{ n: number }>(
      `SELECT count(DISTINCT order_id)::int AS n FROM backorders WHERE order_id LIKE 'rsv-hot-%'`,
    );
    assert.equal(backordered.rows[0]!.n, 20);
  });

  test('shipping takes the held units off hand; releasing gives them back; both only once', async () => {
    await stock('RSV-SHIP', 5);
    await stock('RSV-KEEP', 5);
    const shipping = createShipmentActivities(database.db, { upsShipperId: 'A1B2C3' });
    const lines = [
      { sku: 'RSV-SHIP', quantity: 2 },
      { sku: 'RSV-KEEP', quantity: 1 },
    ];
    assert.deepEqual(await inventory.reserveInventory({ orderId: 'rsv-ship', lines }), { reserved: true });
    assert.deepEqual(await inventory.reserveInventory({ orderId: 'rsv-cancel', lines }), { reserved: true });
    assert.deepEqual(await stockOf('RSV-SHIP'), { on_hand: 5, reserved: 4 });

    const shipment = { orderId: 'rsv-ship', shipmentNo: 1, carrier: 'ups' as const, service: 'ground' };
    const { trackingNumber } = await shipping.recordShipment(shipment);
    assert.deepEqual(
      await shipping.recordShipment(shipment),
      { trackingNumber },
      'a retry finds the shipment',
    );
    assert.deepEqual(await stockOf('RSV-SHIP'), { on_hand: 3, reserved: 2 });
    assert.deepEqual(await stockOf('RSV-KEEP'), { on_hand: 4, reserved: 1 });

    assert.deepEqual(await inventory.releaseInventory({ orderId: 'rsv-cancel' }), { releasedUnits: 3 });
    assert.deepEqual(await inventory.releaseInventory({ orderId: 'rsv-cancel' }), { releasedUnits: 0 });
    assert.deepEqual(await inventory.releaseInventory({ orderId: 'rsv-ship' }), { releasedUnits: 0 });
    assert.deepEqual(await stockOf('RSV-SHIP'), { on_hand: 3, reserved: 0 });
    assert.deepEqual(await stockOf('RSV-KEEP'), { on_hand: 4, reserved: 0 });
  });
});
