import type { Database } from '../../db/database';
import type { OrderNotificationRequest } from '../contract';
import { inTraceContext } from '../../observability/trace-context';
import { claimNotices, removeNotices } from './store';

export interface OutboxDrainerOptions {
  db: Database;
  /** Sends one notice's messages or hands it to its own workflow; a throw leaves it for a later take. */
  deliver: (notice: OrderNotificationRequest) => Promise<unknown>;
  /** Notices taken and worked on at once. */
  batchSize: number;
  /** How long a taken notice is not given to another worker: above any single delivery. */
  leaseMs?: number;
  /** Pause when the outbox was empty. */
  idleMs?: number;
  /** Stops taking notices when it returns false (the worker is shutting down). */
  running?: () => boolean;
  onError?: (error: unknown) => void;
}

export interface OutboxDrainer {
  /** Takes no more notices and waits for the ones in hand. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Drains the notice outbox: takes due notices (several workers share it: SKIP LOCKED and a lease),
 * delivers each, and removes those done. A worker that dies mid-way leaves its notices to the lease;
 * the delivery claims keep a notice taken twice from sending any channel twice.
 */
export function startOutboxDrainer(options: OutboxDrainerOptions): OutboxDrainer {
  const { db, deliver, batchSize } = options;
  const leaseMs = options.leaseMs ?? 60_000;
  const idleMs = options.idleMs ?? 50;
  let stopped = false;
  const keepGoing = () => !stopped && (options.running?.() ?? true);

  async function drainOnce(): Promise<number> {
    const taken = await claimNotices(db, batchSize, leaseMs);
    const notices = taken.map((notice) => notice.request);
    const outcomes = await Promise.allSettled(
      taken.map((notice) => inTraceContext(notice.traceContext, () => deliver(notice.request))),
    );
    const done = notices.filter((_, i) => outcomes[i]!.status === 'fulfilled');
    for (const outcome of outcomes) if (outcome.status === 'rejected') options.onError?.(outcome.reason);
    await removeNotices(db, done);
    return notices.length;
  }

  const loop = (async () => {
    while (keepGoing()) {
      try {
        if ((await drainOnce()) === 0) await sleep(idleMs);
      } catch (error) {
        options.onError?.(error);
        await sleep(Math.max(idleMs, 1000));
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
