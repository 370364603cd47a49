import { Client, type WorkflowClientInterceptor } from '@temporalio/client';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { WorkerOptions } from '@temporalio/worker';
import { LogContextClientInterceptor } from './log-context-client';
import { activeTracing } from './tracing';

/**
 * Modules a workflow bundle needs for tracing (pass as bundleWorkflowCode's workflowInterceptorModules);
 * none while tracing is off, so untraced workers run exactly the workflow code.
 */
export function tracingWorkflowModules(): string[] {
  return activeTracing() ? [require.resolve('../workflows/tracing/interceptors')] : [];
}

/** What a worker needs to trace its workflows and activities; nothing while tracing is off. */
export function workerTracingOptions(): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  const tracing = activeTracing();
  if (!tracing) return {};
  return {
    interceptors: {
      workflowModules: tracingWorkflowModules(),
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
    },
    sinks: { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
  };
}

/** The client's interceptors: the log context always, OpenTelemetry while tracing is on. */
export function clientInterceptors(): WorkflowClientInterceptor[] {
  const logContext = new LogContextClientInterceptor();
  return activeTracing() ? [logContext, new OpenTelemetryWorkflowClientInterceptor()] : [logContext];
}

/** The same connection, namespace and data converter as `client`, with the service's client interceptors. */
export function instrumentClient(client: Client): Client {
  return new Client({
    connection: client.connection,
    namespace: client.options.namespace,
    dataConverter: client.options.dataConverter,
    interceptors: { workflow: clientInterceptors() },
  });
}
