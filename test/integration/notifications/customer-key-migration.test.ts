import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import pg from 'pg';
import type { Database } from '../../../src/db/database';
import { migrate } from '../../../src/db/migrate';
import { openPglite } from '../../../src/db/pglite';
import { connectPostgres } from '../../../src/db/postgres';
import type { CustomerKey } from '../../../src/notifications/customer-key';
import { getPreferences, listPushTokens } from '../../../src/notifications/preferences/store';

const MIGRATIONS_DIR = path.join(__dirname, '..', '..', '..', 'src', 'db', 'migrations');
const KEYED = '800_notification_customer_keys.sql';
const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Applies the migrations before preferences had keys, as a database of that release has them. */
async function migrateToBareIds(db: Database) {
  await db.query(
    'CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const files = (await readdir(MIGRATIONS_DIR))
    .filter((file) => file.endsWith('.sql') && file < KEYED)
    .sort();
  for (const file of files) {
    await db.exec(await readFile(path.join(MIGRATIONS_DIR, file), 'utf8'));
    await db.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
  }
}

/** An order row as the read model of that release has it (its own columns, so later ones do not matter). */
async function placeOrder(db: Database, accountId: string, customerId: string) {
  await db.query(
    `INSERT INTO orders (order_id, channel, account_id, external_id, customer_id, status, version, currency,
       total_minor, order_data, placed_at)
     VALUES ('web:' || $1 || ':' || $2, 'web', $1, $2, $2, 'reserved', 1, 'USD', 100, '{}', now())`,
    [accountId, customerId],
  );
}

/** A message about an order the read model does not hold: its order ID still names the account. */
async function recordDelivery(db: Database, orderId: string, customerId: string) {
  await db.query(
    `INSERT INTO notification_deliveries (order_id, event_id, channel, delivery_key, customer_id, milestone, status, requested_at)
     VALUES ($1, 'e1', 'email', $1 || ':e1:email', $2, 'shipped', 'sent', now())`,
    [orderId, customerId],
  );
}

async function addPreferences(
  db: Database,
  customerId: string,
  channels: string[],
  disabled: object,
  locale: string,
) {
  await db.query(
    `INSERT INTO notification_preferences (customer_id, channels, locale, quiet_hours, disabled_channels)
     VALUES ($1, $2, $3, '{}', $4)`,
    [customerId, channels, locale, JSON.stringify(disabled)],
  );
}

const key = (accountId: string, customerId: string): CustomerKey => ({
  channel: 'web',
  accountId,
  customerId,
});
const bounced = { email: { reason: 'hard bounce', recipient: 'x@example.com', at: '2026-11-01T00:00:00Z' } };

async function checkMigration(db: Database) {
  await migrateToBareIds(db);
  // One account: everything moves there.
  await placeOrder(db, 'acme', 'solo');
  await addPreferences(db, 'solo', ['email', 'sms'], {}, 'de');
  await db.query(
    `INSERT INTO notification_push_tokens (token, customer_id, platform) VALUES ('tok-solo', 'solo', 'ios')`,
  );
  // Two accounts, an opt-out and a bounce: each account keeps the restrictions, nothing else.
  await placeOrder(db, 'acme', 'shared');
  await recordDelivery(db, 'web:globex:G-1', 'shared');
  await addPreferences(db, 'shared', ['in_app', 'sms'], bounced, 'fr');
  await db.query(
    `INSERT INTO notification_push_tokens (token, customer_id, platform) VALUES ('tok-shared', 'shared', 'android')`,
  );
  // Two accounts, nothing restricted: the defaults say the same.
  await placeOrder(db, 'acme', 'keen');
  await placeOrder(db, 'globex', 'keen');
  await addPreferences(db, 'keen', ['email', 'push', 'in_app', 'sms'], {}, 'en');
  // No account ever had an order or a message for it.
  await addPreferences(db, 'nobody', ['in_app'], {}, 'en');

  assert.ok((await migrate(db)).includes(KEYED));

  const solo = await getPreferences(db, key('acme', 'solo'));
  assert.deepEqual([solo.channels, solo.locale, solo.quietHours], [['email', 'sms'], 'de', null]);
  assert.deepEqual(await listPushTokens(db, key('acme', 'solo')), [{ token: 'tok-solo', platform: 'ios' }]);
  for (const accountId of ['acme', 'globex']) {
    const shared = await getPreferences(db, key(accountId, 'shared'));
    assert.deepEqual(
      shared.channels,
      ['in_app'],
      `${accountId}: the opt-out of email and push kept, SMS not given`,
    );
    assert.deepEqual(shared.disabled, bounced, accountId);
    assert.equal(shared.locale, undefined, accountId);
    assert.deepEqual(await listPushTokens(db, key(accountId, 'shared')), [], `${accountId}: no one's device`);
    const keen = await getPreferences(db, key(accountId, 'keen'));
    assert.deepEqual(keen.channels, ['email', 'push', 'in_app'], `${accountId}: the defaults`);
  }
  const stored = await db.query<{ sales_channel: string; account_id: string; customer_id: string }>(
    'SELECT sales_channel, account_id, customer_id FROM notification_preferences ORDER BY customer_id, account_id',
  );
  assert.deepEqual(
    stored.rows.map((row) => `${row.sales_channel}:${row.account_id}:${row.customer_id}`),
    ['web:acme:shared', 'web:globex:shared', 'web:acme:solo'],
  );
  const unmapped = await db.query<{ customer_id: string; why: string }>(
    'SELECT customer_id, why FROM notification_preferences_unmapped ORDER BY customer_id',
  );
  assert.deepEqual(
    unmapped.rows.map((row) => `${row.customer_id}:${row.why}`),
    ['keen:ambiguous', 'nobody:unknown', 'shared:ambiguous'],
  );
}

describe('migrating preferences and push tokens from bare customer IDs to (channel, account, customer)', () => {
  test('on PostgreSQL', async () => {
    const name = `ost_key_migration_${Date.now()}_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    const db = connectPostgres(url.toString());
    try {
      await checkMigration(db);
    } finally {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  test('on embedded PGlite', async () => {
    const db = await openPglite();
    try {
      await checkMigration(db);
    } finally {
      await db.close();
    }
  });
});
