import type { ProcessContext } from '../runtime/process';
import { startMetricsServer } from './metrics-server';
import { startTracing } from './tracing';

/**
 * What every process starts before anything else: tracing (when OTEL_EXPORTER_OTLP_ENDPOINT is set)
 * and, when METRICS_PORT is set, a /metrics listener of its own (the workers; the API also serves
 * /metrics on its port).
 */
export async function startObservability(
  processName: string,
  context: ProcessContext,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const tracing = startTracing({
    serviceName: `order-status-tracking-${processName.replace(/\s+/g, '-')}`,
    env,
  });
  if (tracing) context.onStop(() => tracing.shutdown());
  const port = env.METRICS_PORT ? Number(env.METRICS_PORT) : undefined;
  if (port === undefined) return;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error('METRICS_PORT must be a port number');
  const server = await startMetricsServer(port);
  context.onStop(() => new Promise((resolve) => server.close(resolve)));
  context.logger.info({ port }, 'metrics listening on /metrics');
}
