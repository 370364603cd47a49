import type { Database } from '../../db/database';
import type { OrderNotificationRequest } from '../contract';
import { inTraceContext } from '../../observability/trace-context';
import { claimNotices, removeNotices, renewNotices, retryNoticesLater, type OutboxNotice } from './store';

export interface OutboxDrainerOptions {
  db: Database;
  /** Sends one notice's messages or hands it to its own workflow; a throw gives it back for a retry. */
  deliver: (notice: OrderNotificationRequest) => Promise<unknown>;
  /** Notices in hand at once. */
  batchSize: number;
  /**
   * How long a taken notice is not given to another worker. Renewed while the notice is in hand,
   * so only the notices of a worker that died wait it out.
   */
  leaseMs?: number;
  /** Pause before a notice whose delivery threw is taken again; doubles with each attempt. */
  retryDelayMs?: number;
  /** The longest such pause. */
  retryMaxMs?: number;
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

const keyOf = (notice: OrderNotificationRequest) => `${notice.orderId}\u0000${notice.eventId}`;

/** A pause that ends early when `wake` is called (a notice in hand was finished, or stop). */
function napper() {
  let wake = () => {};
  return {
    nap: (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      }),
    wake: () => wake(),
  };
}

/**
 * Drains the notice outbox: takes due notices (several workers share it: SKIP LOCKED and a lease),
 * delivers each as soon as it is taken, removes it when done and gives it back with a short pause
 * when its delivery threw. A worker that dies mid-way leaves its notices to the lease; the delivery
 * claims keep a notice taken twice from sending any channel twice.
 */
export function startOutboxDrainer(options: OutboxDrainerOptions): OutboxDrainer {
  const { db, deliver, batchSize } = options;
  // Renewed every third of it: a dead worker's notices are taken again only after the delivery
  // claims it made (DELIVERY_LEASE_MS, 15 s) ran out, so a retake is not refused as in flight.
  const leaseMs = options.leaseMs ?? 30_000;
  const retryDelayMs = options.retryDelayMs ?? 1_000;
  const retryMaxMs = options.retryMaxMs ?? 30_000;
  const idleMs = options.idleMs ?? 50;
  const onError = (error: unknown) => options.onError?.(error);
  const inHand = new Map<string, OrderNotificationRequest>();
  const working = new Set<Promise<void>>();
  const { nap, wake } = napper();
  let stopped = false;
  const keepGoing = () => !stopped && (options.running?.() ?? true);

  let renewing = Promise.resolve();
  const renewal = setInterval(() => {
    if (inHand.size === 0) return;
    renewing = renewNotices(db, [...inHand.values()], leaseMs).catch(onError);
  }, leaseMs / 3);
  renewal.unref();

  async function finish({ request, traceContext }: OutboxNotice): Promise<void> {
    let failure: unknown;
    try {
      await inTraceContext(traceContext, () => deliver(request));
    } catch (error) {
      failure = error;
    }
    inHand.delete(keyOf(request));
    // A renewal already under way must not lengthen the pause written here.
    await renewing;
    try {
      if (failure === undefined) await removeNotices(db, [request]);
      else {
        onError(failure);
        await retryNoticesLater(db, [request], retryDelayMs, retryMaxMs);
      }
    } catch (error) {
      onError(error);
    }
  }

  async function takeMore(): Promise<void> {
    const room = batchSize - working.size;
    if (room <= 0) return nap(1000);
    const taken = await claimNotices(db, room, leaseMs);
    for (const notice of taken) {
      inHand.set(keyOf(notice.request), notice.request);
      const finishing = finish(notice).finally(() => {
        working.delete(finishing);
        wake();
      });
      working.add(finishing);
    }
    if (taken.length === 0) await nap(idleMs);
  }

  const loop = (async () => {
    while (keepGoing()) {
      try {
        await takeMore();
      } catch (error) {
        onError(error);
        await nap(Math.max(idleMs, 1000));
      }
    }
    await Promise.all([...working]);
    clearInterval(renewal);
  })();

  return {
    async stop() {
      stopped = true;
      wake();
      await loop;
    },
  };
}
