import { createLogger, type Logger } from '../logger';
import { startObservability } from '../observability/process-observability';
import { assertProductionSecrets, demoSecretsInUse } from './production-secrets';

/** Outside production, says which secrets are demo values, so nobody mistakes the run for a real one. */
function warnOfDemoSecrets(logger: Logger): void {
  const demoSecrets = demoSecretsInUse(process.env);
  if (process.env.NODE_ENV !== 'production' && demoSecrets.length > 0) {
    logger.warn(
      { demoSecrets },
      'demo secrets in use (TEMPORAL_PAYLOAD_KEYS listed: payloads use the public demo key); NODE_ENV=production refuses them',
    );
  }
}

type Stop = () => Promise<unknown>;

/** What an entry point gets while it starts: the process logger and a place to register stops. */
export interface ProcessContext {
  logger: Logger;
  /** Registers something that was started; on exit the last registered stops first. */
  onStop(stop: Stop): void;
  /** Stops everything and exits: 0 for a requested stop, 1 for a failure. */
  shutdown(reason: string, exitCode?: number): Promise<void>;
}

/**
 * The one bootstrap of every entry point (npm start, API, order worker, notification worker): creates
 * the pino logger, refuses missing or demo secrets in production, stops what was started in reverse
 * order on SIGINT/SIGTERM, and reports a failed start the same way everywhere, stopping whatever it
 * had already started before exiting 1.
 */
export function runProcess(name: string, start: (context: ProcessContext) => Promise<void>): void {
  const logger = createLogger().child({ process: name });
  const stops: Stop[] = [];
  let stopping = false;

  const context: ProcessContext = {
    logger,
    onStop(stop) {
      stops.unshift(stop);
    },
    async shutdown(reason, exitCode = 0) {
      if (stopping) return;
      stopping = true;
      logger.info({ reason }, 'shutting down');
      for (const stop of stops) {
        await stop().catch((error: unknown) => logger.warn({ err: error }, 'error while stopping'));
      }
      process.exit(exitCode);
    },
  };

  process.on('SIGINT', () => void context.shutdown('SIGINT'));
  process.on('SIGTERM', () => void context.shutdown('SIGTERM'));
  // With NODE_ENV=production nothing starts while a secret is missing or a demo value.
  Promise.resolve()
    .then(() => assertProductionSecrets(process.env))
    .then(() => warnOfDemoSecrets(logger))
    .then(() => startObservability(name, context))
    .then(() => start(context))
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      logger.error({ err: error }, `${name} failed to start: ${message}`);
      // Also on stderr, unformatted: the first thing someone running it by hand reads.
      console.error(`${name} failed to start: ${message}`);
      void context.shutdown('start failed', 1);
    });
}
