import { sleep } from '@temporalio/workflow';
import type { CanonicalOrder } from '../../src/domain/order';

/** A stand-in order workflow for benchmarks and intake tests: it only holds the order briefly. */
export async function intakeBenchOrder(order: CanonicalOrder): Promise<string> {
  await sleep(10);
  return order.orderId;
}
