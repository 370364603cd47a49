import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { OrderNotificationRequest } from '../../../src/domain/order-notices';
import { listenToInbox, type InboxFeed } from '../../../src/notifications/inbox/feed';
import { addInboxItem, listInbox, type InboxItem } from '../../../src/notifications/inbox/store';
import { createPgliteDatabase, createTestDatabase, type TestDatabase } from '../../support/database';

const request = (eventId: string): OrderNotificationRequest => ({
  orderId: 'web:acme:inbox-1',
  eventId,
  milestone: 'shipped',
  occurredAt: '2026-11-30T10:00:00.000Z',
  customer: { id: 'cust-inbox', name: 'Ada', locale: 'en', timeZone: 'UTC' },
  order: { externalId: 'inbox-1', channel: 'web', itemCount: 1 },
  details: {},
});
const card = { title: 'On its way', body: 'Your order has shipped.', link: 'https://shop.example/t/1' };

describe('in-app inbox', () => {
  let database: TestDatabase;
  let feed: InboxFeed;

  before(async () => {
    database = await createTestDatabase();
    feed = await listenToInbox(database.url);
  });
  after(async () => {
    await feed?.close();
    await database?.drop();
  });

  test('an item is added once and announced once, as the inbox lists it', async () => {
    const announced: InboxItem[] = [];
    const unsubscribe = feed.subscribe((item) => announced.push(item));
    const added = await addInboxItem(database.db, request('evt-inbox-1'), card);
    assert.ok(added);
    assert.equal(await addInboxItem(database.db, request('evt-inbox-1'), card), undefined);

    const listed = await listInbox(database.db, { customerId: 'cust-inbox' });
    assert.deepEqual(listed, [added]);
    const deadline = Date.now() + 5000;
    while (announced.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    unsubscribe();
    assert.deepEqual(announced, [added], 'one announcement, equal to the listed item');
  });

  test('the embedded database adds and lists the same item', async () => {
    const embedded = await createPgliteDatabase();
    try {
      const added = await addInboxItem(embedded.db, request('evt-inbox-2'), card);
      assert.ok(added);
      assert.deepEqual(await listInbox(embedded.db, { customerId: 'cust-inbox' }), [added]);
    } finally {
      await embedded.drop();
    }
  });
});
