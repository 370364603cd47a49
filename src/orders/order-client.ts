import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import type { CanonicalOrder } from '../domain/order';
import type { StartOrderResult } from '../intake/contract';
import { ORDERS_TASK_QUEUE } from '../temporal/task-queues';
import {
  CustomerIdAttribute,
  OrderChannelAttribute,
  OrderStatusAttribute,
} from '../temporal/search-attributes';
import { orderWorkflowId } from '../workflows/order-workflow-id';
import type { orderWorkflow } from '../workflows';
import { cancelUpdate } from '../workflows/messages';
import type { OrderWorkflowSettings } from '../workflows/order';

/**
 * Starts the order's workflow, or finds it: the workflow ID comes from the canonical order ID and
 * may never be reused, so the same order submitted twice (or concurrently) yields one workflow.
 */
export async function startOrderWorkflow(
  client: Client,
  order: CanonicalOrder,
  settings?: OrderWorkflowSettings,
): Promise<StartOrderResult> {
  const workflowId = orderWorkflowId(order.orderId);
  try {
    await client.workflow.start<typeof orderWorkflow>('orderWorkflow', {
      taskQueue: ORDERS_TASK_QUEUE,
      workflowId,
      args: [{ order, ...(settings ? { settings } : {}) }],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      typedSearchAttributes: [
        { key: OrderStatusAttribute, value: 'received' },
        { key: OrderChannelAttribute, value: order.channel },
        { key: CustomerIdAttribute, value: order.customer.id },
      ],
    });
    return { orderId: order.orderId, workflowId, created: true };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) {
      return { orderId: order.orderId, workflowId, created: false };
    }
    throw error;
  }
}

/**
 * A cancellation a sales channel reports (e.g. Amazon "Canceled"). It is the same cancel ops and
 * customers use; when the lifecycle refuses it (already shipped, unknown or closed order) that is the
 * answer, not a failure to retry: the channel's request stays recorded by the intake.
 */
export async function cancelOrderFromChannel(
  client: Client,
  orderId: string,
  reason: string,
): Promise<'cancelled' | 'refused'> {
  try {
    await client.workflow
      .getHandle(orderWorkflowId(orderId))
      .executeUpdate(cancelUpdate, { args: [{ eventId: 'channel-cancel', reason, source: 'channel' }] });
    return 'cancelled';
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError || error instanceof WorkflowNotFoundError)
      return 'refused';
    throw error;
  }
}
