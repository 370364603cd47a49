import path from 'node:path';
import type { Database } from './database';
import { migrate } from './migrate';
import { openPglite } from './pglite';
import { connectPostgres } from './postgres';

export interface OpenedDatabase {
  db: Database;
  description: string;
}

/** PostgreSQL when a URL is given, else embedded PGlite persisted under dataDir; migrated either way. */
export async function openDatabase(
  databaseUrl: string | undefined,
  dataDir: string,
): Promise<OpenedDatabase> {
  if (databaseUrl) {
    const db = connectPostgres(databaseUrl);
    await migrate(db);
    return { db, description: `PostgreSQL at ${new URL(databaseUrl).host}` };
  }
  const dir = path.resolve(dataDir, 'pglite');
  const db = await openPglite(dir);
  await migrate(db);
  return { db, description: `embedded PGlite in ${dir}` };
}
