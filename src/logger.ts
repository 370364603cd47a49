import pino from 'pino';
import { logContextFields } from './observability/log-context';

export type Logger = pino.Logger;

export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service: 'order-status-tracking' }, mixin: logContextFields });
}
