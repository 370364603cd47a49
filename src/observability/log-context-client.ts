import type {
  Next,
  WorkflowClientInterceptor,
  WorkflowSignalInput,
  WorkflowStartInput,
  WorkflowStartUpdateInput,
} from '@temporalio/client';
import { annotateLogContext, orderIdOfWorkflowId } from './log-context';

function annotate(workflowId: string): void {
  const orderId = orderIdOfWorkflowId(workflowId);
  annotateLogContext({ workflowId, ...(orderId ? { orderId } : {}) });
}

/** Names the workflow (and its order) a request starts, signals or updates in the request's log lines. */
export class LogContextClientInterceptor implements WorkflowClientInterceptor {
  start(input: WorkflowStartInput, next: Next<WorkflowClientInterceptor, 'start'>) {
    annotate(input.options.workflowId);
    return next(input);
  }

  signal(input: WorkflowSignalInput, next: Next<WorkflowClientInterceptor, 'signal'>) {
    annotate(input.workflowExecution.workflowId);
    return next(input);
  }

  startUpdate(input: WorkflowStartUpdateInput, next: Next<WorkflowClientInterceptor, 'startUpdate'>) {
    annotate(input.workflowExecution.workflowId);
    return next(input);
  }
}
