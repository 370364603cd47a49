import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Queryable } from '../../../src/db/database';
import {
  channelKeyAccount,
  issueChannelApiKey,
  LIVE_KEY_CACHE_MS,
  revokeChannelApiKey,
} from '../../../src/intake/api-keys';
import { createTestDatabase, type TestDatabase } from '../../support/database';

/** The database as the key lookup sees it, counting the statements it is sent. */
function counting(db: Queryable): Queryable & { statements: number } {
  const counted = {
    statements: 0,
    query: <Row>(text: string, params?: unknown[]) => {
      counted.statements += 1;
      return db.query<Row>(text, params);
    },
    exec: (script: string) => db.exec(script),
  };
  return counted;
}

describe('channel API keys', () => {
  let database: TestDatabase;

  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.drop();
  });

  test('a live key is looked up once, then checked against the row held for a while', async () => {
    const db = counting(database.db);
    const { keyId, apiKey } = await issueChannelApiKey(db, 'held-shop');
    db.statements = 0;
    for (let i = 0; i < 5; i++)
      assert.deepEqual(await channelKeyAccount(db, apiKey), { keyId, accountId: 'held-shop' });
    assert.equal(db.statements, 1);
    assert.ok(LIVE_KEY_CACHE_MS <= 60_000, 'a revoked key is refused by every process within a minute');
  });

  test('a held key with another secret is refused, the secret checked every time', async () => {
    const db = counting(database.db);
    const { apiKey } = await issueChannelApiKey(db, 'secret-shop');
    assert.ok(await channelKeyAccount(db, apiKey));
    const forged = `${apiKey.slice(0, -4)}${apiKey.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    assert.equal(await channelKeyAccount(db, forged), undefined);
  });

  test('a revoked key is refused at once by the process that revoked it', async () => {
    const db = counting(database.db);
    const { keyId, apiKey } = await issueChannelApiKey(db, 'revoked-shop');
    assert.ok(await channelKeyAccount(db, apiKey));
    await revokeChannelApiKey(db, keyId);
    assert.equal(await channelKeyAccount(db, apiKey), undefined);
  });

  test('a key read while it is being revoked is not held', async () => {
    const db = counting(database.db);
    const { keyId, apiKey } = await issueChannelApiKey(db, 'racing-shop');
    await Promise.all([channelKeyAccount(db, apiKey), revokeChannelApiKey(db, keyId)]);
    assert.equal(await channelKeyAccount(db, apiKey), undefined);
  });

  test('unknown key IDs are asked for every time, and nothing of them is held', async () => {
    const db = counting(database.db);
    const unknown = `ik_${'0'.repeat(16)}_${'A'.repeat(43)}`;
    assert.equal(await channelKeyAccount(db, unknown), undefined);
    assert.equal(await channelKeyAccount(db, unknown), undefined);
    assert.equal(db.statements, 2);
  });
});
