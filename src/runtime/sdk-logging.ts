import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger } from '../logger';
import { temporalSdkTelemetry } from '../observability/temporal-sdk-metrics';

/**
 * Routes the Temporal SDK's own warnings and errors into the service log, and exports its worker
 * metrics to Prometheus when TEMPORAL_METRICS_BIND_ADDRESS is set.
 */
export function installSdkLogging(logger: Logger): void {
  const sdkLogger = logger.child({ component: 'temporal-sdk' });
  const methods: Partial<Record<LogLevel, 'warn' | 'error'>> = { WARN: 'warn', ERROR: 'error' };
  const telemetryOptions = temporalSdkTelemetry();
  Runtime.install({
    logger: new DefaultLogger('WARN', ({ level, message, meta }) => {
      sdkLogger[methods[level] ?? 'info'](meta ?? {}, message);
    }),
    ...(telemetryOptions ? { telemetryOptions } : {}),
  });
}
