import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger } from '../logger';

/** Routes the Temporal SDK's own warnings and errors into the service log. */
export function installSdkLogging(logger: Logger): void {
  const sdkLogger = logger.child({ component: 'temporal-sdk' });
  const methods: Partial<Record<LogLevel, 'warn' | 'error'>> = { WARN: 'warn', ERROR: 'error' };
  Runtime.install({
    logger: new DefaultLogger('WARN', ({ level, message, meta }) => {
      sdkLogger[methods[level] ?? 'info'](meta ?? {}, message);
    }),
  });
}
