import { after, before } from 'node:test';
import { request } from './http';
import { startOrderStack, type OrderStack } from './order-stack';

/**
 * The order stack of the enclosing describe: started before its tests with `onHand` units of `sku`
 * in stock, stopped after them. Call the returned function inside a test for the running stack.
 */
export function stackWithStock(sku: string, onHand = 100): () => OrderStack {
  let stack: OrderStack | undefined;
  before(async () => {
    stack = await startOrderStack();
    await request(stack.baseUrl, 'PUT', `/inventory/${sku}`, { onHand });
  });
  after(async () => {
    await stack?.stop();
  });
  return () => stack!;
}
