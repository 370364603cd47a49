import { context, type Context } from '@opentelemetry/api';
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';
import type {
  ActivityInput,
  LocalActivityInput,
  Next,
  SignalInput,
  StartChildWorkflowExecutionInput,
  UpdateInput,
  WorkflowInboundCallsInterceptor,
  WorkflowInterceptorsFactory,
  WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';

/** The trace context of the last signal or update this workflow handled. */
class LatestCause {
  context: Context | undefined;

  run<T>(fn: () => T): T {
    return this.context ? context.with(this.context, fn) : fn();
  }
}

/** Inside the OpenTelemetry handler span: remembers it as the cause of the work that follows. */
class RememberCause implements WorkflowInboundCallsInterceptor {
  constructor(private readonly cause: LatestCause) {}

  handleSignal(input: SignalInput, next: Next<WorkflowInboundCallsInterceptor, 'handleSignal'>) {
    this.cause.context = context.active();
    return next(input);
  }

  handleUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>) {
    this.cause.context = context.active();
    return next(input);
  }
}

/**
 * Long-running workflows do their work in a loop, not in the handlers; outside the OpenTelemetry
 * interceptor, this schedules activities and child workflows under the latest message's trace, so a
 * carrier webhook's trace goes on to the read-model write and the customer notice it caused.
 */
class TraceWorkUnderCause implements WorkflowOutboundCallsInterceptor {
  constructor(private readonly cause: LatestCause) {}

  scheduleActivity(input: ActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>) {
    return this.cause.run(() => next(input));
  }

  scheduleLocalActivity(
    input: LocalActivityInput,
    next: Next<WorkflowOutboundCallsInterceptor, 'scheduleLocalActivity'>,
  ) {
    return this.cause.run(() => next(input));
  }

  startChildWorkflowExecution(
    input: StartChildWorkflowExecutionInput,
    next: Next<WorkflowOutboundCallsInterceptor, 'startChildWorkflowExecution'>,
  ) {
    return this.cause.run(() => next(input));
  }
}

/** Workflow interceptors of a traced worker: OpenTelemetry's, plus work traced under its cause. */
export const interceptors: WorkflowInterceptorsFactory = () => {
  const cause = new LatestCause();
  return {
    inbound: [new OpenTelemetryInboundInterceptor(), new RememberCause(cause)],
    outbound: [new TraceWorkUnderCause(cause), new OpenTelemetryOutboundInterceptor()],
    internals: [new OpenTelemetryInternalsInterceptor()],
  };
};
