import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { OrderStarter } from '../../src/intake/contract';
import { intakeBenchOrder } from './order-workflow';

/** An OrderStarter on a real Temporal server that starts the stand-in order workflow. */
export function temporalBenchStarter(client: Client, taskQueue: string): OrderStarter {
  return async (order) => {
    const workflowId = `order-${order.orderId}`;
    try {
      await client.workflow.start(intakeBenchOrder, { workflowId, taskQueue, args: [order] });
      return { orderId: order.orderId, workflowId, created: true };
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError)
        return { orderId: order.orderId, workflowId, created: false };
      throw error;
    }
  };
}
