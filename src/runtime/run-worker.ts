import type { Worker } from '@temporalio/worker';
import type { ProcessLifecycle } from './lifecycle';

/** Runs a worker until the process stops; a worker that dies on its own takes the process down. */
export function runWorker(worker: Worker, lifecycle: ProcessLifecycle): void {
  const running = worker.run();
  running.catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
  lifecycle.onStop(async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
  });
}
