import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import {
  NOTIFY_CUSTOMER_WORKFLOW,
  notificationWorkflowId,
  type OrderNotificationRequest,
} from '../domain/order-notices';
import { NOTIFICATIONS_TASK_QUEUE } from '../temporal/task-queues';

export function createCustomerNoticeActivities(client: Client) {
  return {
    /**
     * Hands each notice to the notification service as its own workflow. The workflow ID is derived
     * from the order and event and never reused, so a retried or replayed hand-over starts nothing twice.
     */
    async startCustomerNotices(notices: OrderNotificationRequest[]): Promise<void> {
      await Promise.all(
        notices.map(async (notice) => {
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
        }),
      );
    },
  };
}
