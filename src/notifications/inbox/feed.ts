import pg from 'pg';
import type { Queryable } from '../../db/database';
import { INBOX_NOTIFY_CHANNEL, listInbox, type InboxItem } from './store';

/** New inbox items as they are written, whichever process wrote them. */
export interface InboxFeed {
  subscribe(listener: (item: InboxItem) => void): () => void;
  close(): Promise<void>;
}

function listenerSet() {
  const listeners = new Set<(item: InboxItem) => void>();
  return {
    add(listener: (item: InboxItem) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit(item: InboxItem) {
      for (const listener of listeners) listener(item);
    },
  };
}

/**
 * PostgreSQL LISTEN/NOTIFY on one dedicated connection per API process. The worker's insert and
 * its pg_notify commit together. Reconnects after a lost connection; SSE clients cover the gap
 * with Last-Event-ID.
 */
export async function listenToInbox(connectionString: string): Promise<InboxFeed> {
  const listeners = listenerSet();
  let client: pg.Client | undefined;
  let closed = false;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString });
    next.on('notification', (message) => {
      if (message.channel !== INBOX_NOTIFY_CHANNEL || !message.payload) return;
      listeners.emit(JSON.parse(message.payload) as InboxItem);
    });
    next.on('error', () => {
      void next.end().catch(() => undefined);
      if (!closed) setTimeout(() => void connect().catch(() => undefined), 1000);
    });
    await next.connect();
    await next.query(`LISTEN ${INBOX_NOTIFY_CHANNEL}`);
    client = next;
  };
  await connect();

  return {
    subscribe: listeners.add,
    async close() {
      closed = true;
      await client?.end().catch(() => undefined);
    },
  };
}

/** Polling for databases without LISTEN across processes (embedded PGlite): checks every interval. */
export async function pollInbox(db: Queryable, intervalMs = 1000): Promise<InboxFeed> {
  const listeners = listenerSet();
  const newest = await db.query<{ id: number | null }>('SELECT max(id) AS id FROM notification_inbox');
  let lastId = Number(newest.rows[0]?.id ?? 0);
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    listInbox(db, {}, { afterId: lastId, limit: 500 })
      .then((items) => {
        for (const item of items) {
          lastId = Math.max(lastId, item.id);
          listeners.emit(item);
        }
      })
      .catch(() => undefined)
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return {
    subscribe: listeners.add,
    async close() {
      clearInterval(timer);
    },
  };
}
