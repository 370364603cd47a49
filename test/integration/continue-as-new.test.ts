import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { carrierUpdateSignal, orderViewQuery, orderWorkflowId } from '../../src/workflows/order/contract';
import { startOrderStack, type OrderStack } from '../support/order-stack';
import { eventually, orderPath, request } from '../support/http';
import { carrierScan, shipOrder } from '../support/lifecycle-driver';
import { sampleOrder } from '../support/orders';

describe('continue-as-new keeps the order whole', () => {
  let stack: OrderStack;
  before(async () => {
    // Ask the server to suggest continue-as-new after 40 history events instead of thousands.
    stack = await startOrderStack({
      temporalArgs: ['--dynamic-config-value', 'limit.historyCount.suggestContinueAsNew=40'],
    });
  });
  after(async () => {
    await stack?.stop();
  });

  test('applied event IDs, timeline and read model survive a new run', async () => {
    await request(stack.baseUrl, 'PUT', '/inventory/SKU-MUG', { onHand: 5 });
    const created = await request(stack.baseUrl, 'POST', '/orders', sampleOrder({ externalId: 'CAN-1' }));
    const orderId = created.body.orderId as string;
    const trackingNumber = await shipOrder(stack.baseUrl, orderId);
    const handle = stack.env.client.workflow.getHandle(orderWorkflowId(orderId));
    const firstRunId = (await handle.describe()).runId;

    const base = Date.now();
    for (let i = 0; i < 30; i++) {
      const at = new Date(base + i * 1000).toISOString();
      await handle.signal(carrierUpdateSignal, carrierScan(trackingNumber, `scan-${i}`, 'in_transit', at));
    }
    const newRunId = await eventually(async () => {
      const { runId } = await handle.describe();
      return runId !== firstRunId ? runId : undefined;
    }, 30_000);
    assert.notEqual(newRunId, firstRunId);

    const before = await handle.query(orderViewQuery);
    // Old event IDs are still known after the new run started: repeats change nothing.
    for (let i = 0; i < 5; i++) {
      await handle.signal(carrierUpdateSignal, carrierScan(trackingNumber, `scan-${i}`, 'delivered'));
    }
    const repeat = await request(stack.baseUrl, 'POST', `${orderPath(orderId)}/events`, {
      eventId: 'picked-1',
      type: 'picked',
    });
    assert.equal(repeat.body.outcome, 'duplicate');
    const afterRepeats = await handle.query(orderViewQuery);
    assert.equal(afterRepeats.version, before.version);
    assert.equal(afterRepeats.status, 'in_transit');

    await handle.signal(
      carrierUpdateSignal,
      carrierScan(trackingNumber, 'final', 'delivered', new Date(base + 60_000).toISOString()),
    );
    const projected = await eventually(async () => {
      const body = (await request(stack.baseUrl, 'GET', orderPath(orderId))).body;
      return body.status === 'delivered' ? body : undefined;
    });
    const view = await handle.query(orderViewQuery);
    assert.equal(projected.version, view.version);
    assert.equal((projected.timeline as unknown[]).length, view.timelineLength);
  });
});
