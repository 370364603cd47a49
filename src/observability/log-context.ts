import { AsyncLocalStorage } from 'node:async_hooks';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import { Context as ActivityContext } from '@temporalio/activity';
import { orderIdOfWorkflow } from '../workflows/order/contract';

/** What a log line says about the order it is about. */
export interface LogFields {
  orderId?: string;
  workflowId?: string;
}

const storage = new AsyncLocalStorage<LogFields>();
/** notificationWorkflowId's prefix (src/domain/order-notices.ts). */
const NOTIFICATION_WORKFLOW_PREFIX = 'notify:';

/** Runs fn with a fresh log context (one per HTTP request), which code inside may annotate. */
export function runWithLogContext<T>(fields: LogFields, fn: () => T): T {
  return storage.run({ ...fields }, fn);
}

/** Adds the order or workflow being worked on to the current log context, if there is one. */
export function annotateLogContext(fields: LogFields): void {
  const store = storage.getStore();
  if (store) Object.assign(store, fields);
}

/** The order a workflow ID belongs to: `order:<id>` and `notify:<id>:<event>`. */
export function orderIdOfWorkflowId(workflowId: string): string | undefined {
  if (workflowId.startsWith(NOTIFICATION_WORKFLOW_PREFIX)) {
    const rest = workflowId.slice(NOTIFICATION_WORKFLOW_PREFIX.length);
    const lastColon = rest.lastIndexOf(':');
    return lastColon > 0 ? rest.slice(0, lastColon) : undefined;
  }
  const orderId = orderIdOfWorkflow(workflowId);
  return orderId === workflowId ? undefined : orderId;
}

function activityWorkflowId(): string | undefined {
  try {
    return ActivityContext.current().info.workflowExecution?.workflowId;
  } catch {
    return undefined; // not inside an activity
  }
}

/**
 * The pino mixin: every log line gets the trace and span of the active span, the workflow of the
 * running activity and the order of the request or workflow, where there is one.
 */
export function logContextFields(): Record<string, string> {
  const fields: Record<string, string> = {};
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (spanContext && isSpanContextValid(spanContext)) {
    fields.traceId = spanContext.traceId;
    fields.spanId = spanContext.spanId;
  }
  const workflowId = storage.getStore()?.workflowId ?? activityWorkflowId();
  if (workflowId) fields.workflowId = workflowId;
  const orderId = storage.getStore()?.orderId ?? (workflowId ? orderIdOfWorkflowId(workflowId) : undefined);
  if (orderId) fields.orderId = orderId;
  return fields;
}
