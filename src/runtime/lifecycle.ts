import type { Logger } from '../logger';

type Stop = () => Promise<unknown>;

/** Collects what a process started and stops it in reverse order on SIGINT/SIGTERM. */
export class ProcessLifecycle {
  private readonly stops: Stop[] = [];
  private stopping = false;

  constructor(private readonly logger: Logger) {
    process.on('SIGINT', () => void this.shutdown('SIGINT'));
    process.on('SIGTERM', () => void this.shutdown('SIGTERM'));
  }

  /** Registers something to stop; the last registered stops first. */
  onStop(stop: Stop): void {
    this.stops.unshift(stop);
  }

  async shutdown(reason: string): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.logger.info({ reason }, 'shutting down');
    for (const stop of this.stops) {
      await stop().catch((error: unknown) => this.logger.warn({ err: error }, 'error while stopping'));
    }
    process.exit(0);
  }
}
