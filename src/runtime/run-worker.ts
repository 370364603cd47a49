import type { Worker } from '@temporalio/worker';
import type { ProcessContext } from './process';

/** Runs a worker until the process stops; a worker that dies on its own stops the process (exit 1). */
export function runWorker(worker: Worker, context: ProcessContext): void {
  const running = worker.run();
  running.catch((error: unknown) => {
    context.logger.error({ err: error }, 'worker stopped unexpectedly');
    void context.shutdown('worker failed', 1);
  });
  context.onStop(async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running.catch(() => undefined);
  });
}
