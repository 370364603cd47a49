import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectPostgres } from '../../src/db/postgres';
import { migrate } from '../../src/db/migrate';
import { openPglite } from '../../src/db/pglite';
import type { Database } from '../../src/db/database';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  db: Database;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated PostgreSQL database for one test file, dropped again by drop(). */
export async function createTestDatabase(prefix = 'ost_test'): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const db = connectPostgres(url.toString());
  await migrate(db);
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: ADMIN_URL });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** An in-memory embedded PGlite database with the same migrations. */
export async function createPgliteDatabase(): Promise<TestDatabase> {
  const db = await openPglite();
  await migrate(db);
  return { db, url: 'pglite://memory', drop: () => db.close() };
}
