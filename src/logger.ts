import pino from 'pino';
import { logContextFields } from './observability/log-context';
import { REDACTED, REDACTED_PATHS } from './observability/log-redaction';

export type Logger = pino.Logger;

/** The service's logger: JSON lines to stdout (or `destination`), credentials and personal data redacted. */
export function createLogger(
  level = process.env.LOG_LEVEL ?? 'info',
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'order-status-tracking' },
    mixin: logContextFields,
    redact: { paths: REDACTED_PATHS, censor: REDACTED },
  };
  return destination ? pino(options, destination) : pino(options);
}
