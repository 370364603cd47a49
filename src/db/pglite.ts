import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable } from './database';

/** Embedded PostgreSQL (WASM) for running on one machine without a database server. */
export async function openPglite(dataDir?: string): Promise<Database> {
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.waitReady;
  const asQueryable = (target: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    query: async (text, params) => {
      const result = await target.query(text, params as unknown[]);
      return { rows: result.rows as never[] };
    },
    exec: async (script) => {
      await target.exec(script);
    },
  });
  return {
    ...asQueryable(db),
    transaction: (fn) => db.transaction((tx) => fn(asQueryable(tx))),
    close: () => db.close(),
  };
}
