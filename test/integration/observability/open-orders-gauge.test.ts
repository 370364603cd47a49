import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, orderPath, request } from '../../support/http';
import { TEST_OPS_TOKEN } from '../../support/ops-credentials';
import { sampleOrder } from '../../support/orders';
import { stackWithStock } from '../../support/stocked-stack';

const SKU = 'SKU-GAUGE';

/** The value of `orders_open{status="…"}` in the service's /metrics, 0 when the status has no line. */
async function openWithStatus(baseUrl: string, status: string): Promise<number> {
  const response = await fetch(`${baseUrl}/metrics`, {
    headers: { authorization: `Bearer ${TEST_OPS_TOKEN}` },
  });
  assert.equal(response.status, 200);
  const line = (await response.text())
    .split('\n')
    .find((row) => row.startsWith(`orders_open{status="${status}"}`));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('the open-orders gauge', () => {
  const stack = stackWithStock(SKU);

  test('counts open orders by status from the read model, and a cancelled order no more', async () => {
    const placed = await request(
      stack().baseUrl,
      'POST',
      '/orders',
      sampleOrder({ externalId: 'GAUGE-1', lines: [{ sku: SKU, quantity: 1, unitPriceMinor: 500 }] }),
    );
    assert.equal(placed.status, 201);
    const orderId = placed.body.orderId as string;
    await eventually(async () =>
      (await openWithStatus(stack().baseUrl, 'reserved')) === 1 ? true : undefined,
    );
    const cancelled = await request(stack().baseUrl, 'POST', `${orderPath(orderId)}/cancel`, {
      reasonCode: 'customer_request',
    });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    await eventually(async () =>
      (await openWithStatus(stack().baseUrl, 'reserved')) === 0 ? true : undefined,
    );
    assert.equal(await openWithStatus(stack().baseUrl, 'cancelled'), 0);
  });
});
