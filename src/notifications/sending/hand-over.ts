import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { NOTIFY_CUSTOMER_WORKFLOW, notificationWorkflowId, type OrderNotificationRequest } from '../contract';
import { NOTIFICATIONS_TASK_QUEUE } from '../../temporal/task-queues';

/**
 * Starts the notice's own notification workflow. Its ID is derived from the order and event and never
 * reused, so a retried or replayed hand-over starts nothing twice.
 */
export async function startNoticeWorkflow(client: Client, notice: OrderNotificationRequest): Promise<void> {
  try {
    await client.workflow.start(NOTIFY_CUSTOMER_WORKFLOW, {
      workflowId: notificationWorkflowId(notice.orderId, notice.eventId),
      taskQueue: NOTIFICATIONS_TASK_QUEUE,
      args: [notice],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}
