import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

/** The process's tracing: where spans go, and what the workers hand their workflow spans to. */
export interface Tracing {
  spanProcessor: SpanProcessor;
  resource: Resource;
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** Where spans go; default: OTLP over HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set. */
  spanProcessor?: SpanProcessor;
  serviceName?: string;
  env?: NodeJS.ProcessEnv;
}

let active: Tracing | undefined;

/** The tracing started in this process, if any. */
export function activeTracing(): Tracing | undefined {
  return active;
}

function defaultProcessor(env: NodeJS.ProcessEnv): SpanProcessor | undefined {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return undefined;
  // The exporter reads OTEL_EXPORTER_OTLP_* (endpoint, headers, timeout) itself.
  return new BatchSpanProcessor(new OTLPTraceExporter());
}

/**
 * Registers the global tracer provider, once per process. Off (returns undefined) unless a span
 * processor is given or OTEL_EXPORTER_OTLP_ENDPOINT is set; everything traced then is a no-op.
 */
export function startTracing(options: TracingOptions = {}): Tracing | undefined {
  if (active) return active;
  const env = options.env ?? process.env;
  const spanProcessor = options.spanProcessor ?? defaultProcessor(env);
  if (!spanProcessor) return undefined;
  const resource = new Resource({
    'service.name': env.OTEL_SERVICE_NAME ?? options.serviceName ?? 'order-status-tracking',
  });
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register();
  active = {
    spanProcessor,
    resource,
    shutdown: () => provider.shutdown(),
  };
  return active;
}
