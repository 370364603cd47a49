import type { Queryable } from '../db/database';
import type { InboxFeed } from '../notifications/inbox/feed';
import { findOrderVersion } from '../orders/order-read-model';
import type { CustomerOrderView } from './customer-view';
import { loadCustomerView } from './load-view';

export type ViewListener = (view: CustomerOrderView) => void;

export interface OrderWatch {
  /** Calls the listener with the order's view whenever its read-model version changes. */
  watch(orderId: string, listener: ViewListener): () => void;
  /** Orders with at least one viewer, i.e. running pollers. */
  watchedOrders(): string[];
  close(): void;
}

interface Poller {
  listeners: Set<ViewListener>;
  timer: NodeJS.Timeout;
  lastVersion?: number;
  running: boolean;
  again: boolean;
}

/**
 * One poller per watched order, shared by all its viewers and stopped when the last one leaves.
 * The read model is written by the order worker, possibly in another process, so the poller reads
 * orders.version; a new inbox item for the order (PostgreSQL NOTIFY) only makes it look sooner.
 */
export function createOrderWatch(deps: {
  db: Queryable;
  inboxFeed?: InboxFeed;
  pollIntervalMs?: number;
}): OrderWatch {
  const pollIntervalMs = deps.pollIntervalMs ?? 1000;
  const pollers = new Map<string, Poller>();
  let stopFeed: (() => void) | undefined;

  async function check(orderId: string, poller: Poller): Promise<void> {
    const version = await findOrderVersion(deps.db, orderId);
    if (version === undefined || Number(version) === poller.lastVersion) return;
    const view = await loadCustomerView(deps.db, orderId);
    if (!view || pollers.get(orderId) !== poller) return;
    poller.lastVersion = view.version;
    for (const listener of poller.listeners) listener(view);
  }

  function poll(orderId: string): void {
    const poller = pollers.get(orderId);
    if (!poller) return;
    if (poller.running) {
      poller.again = true;
      return;
    }
    poller.running = true;
    // A failed read is retried on the next tick; the viewer keeps the last view meanwhile.
    check(orderId, poller)
      .catch(() => undefined)
      .finally(() => {
        poller.running = false;
        if (poller.again) {
          poller.again = false;
          poll(orderId);
        }
      });
  }

  function start(orderId: string): Poller {
    const poller: Poller = {
      listeners: new Set(),
      timer: setInterval(() => poll(orderId), pollIntervalMs),
      running: false,
      again: false,
    };
    poller.timer.unref();
    pollers.set(orderId, poller);
    stopFeed ??= deps.inboxFeed?.subscribe((item) => {
      if (pollers.has(item.orderId)) poll(item.orderId);
    });
    return poller;
  }

  function stop(orderId: string, poller: Poller): void {
    clearInterval(poller.timer);
    pollers.delete(orderId);
    if (pollers.size === 0) {
      stopFeed?.();
      stopFeed = undefined;
    }
  }

  return {
    watch(orderId, listener) {
      const poller = pollers.get(orderId) ?? start(orderId);
      poller.listeners.add(listener);
      if (poller.listeners.size === 1) poll(orderId);
      return () => {
        poller.listeners.delete(listener);
        if (poller.listeners.size === 0 && pollers.get(orderId) === poller) stop(orderId, poller);
      };
    },
    watchedOrders: () => [...pollers.keys()],
    close() {
      for (const [orderId, poller] of pollers) stop(orderId, poller);
    },
  };
}
