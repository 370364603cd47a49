import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { mountCustomerRoutes } from '../../../src/api/customer-routes';
import { orderSubmissionSchema, toCanonicalOrder } from '../../../src/domain/order';
import { loadNotificationConfig } from '../../../src/notifications/config';
import type { OrderNotificationRequest } from '../../../src/notifications/contract';
import { listenToInbox, type InboxFeed } from '../../../src/notifications/inbox/feed';
import { addInboxItem } from '../../../src/notifications/inbox/store';
import { writeOrderSnapshot } from '../../../src/orders/order-read-model';
import { closeServer, listen } from '../../../src/runtime/listen';
import type { LiveStreamLimits } from '../../../src/runtime/live-streams';
import { parseCustomerLinkKeys } from '../../../src/security/customer-link-keys';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { sampleOrder } from '../../support/orders';

/** The keys the fixture's app checks links with: `new` signs, `old` still verifies. */
export const LINK_KEYS = parseCustomerLinkKeys(
  'new:fixture-link-secret-new-0001,old:fixture-link-secret-old-0001',
);
export const OLD_KEY_ONLY = parseCustomerLinkKeys('old:fixture-link-secret-old-0001');
export const RETIRED_KEY = parseCustomerLinkKeys('gone:fixture-link-secret-retired-1');
export const UNSUBSCRIBE_SECRET = 'fixture-unsubscribe-secret-0001';

export interface CustomerLinkFixture {
  database: TestDatabase;
  baseUrl: string;
  server: Server;
  /** Closes the HTTP server as the process does on SIGTERM. */
  closeHttp(graceMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Puts an order of a `web` account (`acme` unless named) into the read model, as its projection would. */
export async function placeOrder(
  database: TestDatabase,
  externalId: string,
  customerId: string,
  accountId = 'acme',
) {
  const submission = orderSubmissionSchema.parse(
    sampleOrder({ externalId, accountId, customer: { ...sampleOrder().customer, id: customerId } }),
  );
  const order = toCanonicalOrder(submission);
  await writeOrderSnapshot(database.db, {
    order,
    status: 'reserved',
    delayed: false,
    version: 1,
    newEntries: [],
  });
  return order.orderId;
}

export async function addInboxMessage(database: TestDatabase, orderId: string, customerId: string) {
  const request = {
    orderId,
    eventId: `evt-${orderId}`,
    milestone: 'shipped',
    occurredAt: new Date().toISOString(),
    customer: { id: customerId, name: 'Ada', locale: 'en', timeZone: 'UTC' },
    order: { externalId: orderId.split(':')[2] ?? orderId, channel: 'web', itemCount: 1 },
    details: {},
  } as OrderNotificationRequest;
  const item = await addInboxItem(database.db, request, { title: 'Shipped', body: orderId, link: 'x' });
  return item!.id;
}

/** The customer routes (status page, inbox, preferences, unsubscribe) on real HTTP and PostgreSQL. */
export async function startCustomerLinkFixture(liveStreams?: LiveStreamLimits): Promise<CustomerLinkFixture> {
  const database = await createTestDatabase('ost_links');
  const inboxFeed: InboxFeed = await listenToInbox(database.url);
  const app = express();
  mountCustomerRoutes(app, {
    db: database.db,
    notifications: {
      config: loadNotificationConfig({ NOTIFY_UNSUBSCRIBE_SECRET: UNSUBSCRIBE_SECRET }),
      inboxFeed,
    },
    customerLinks: LINK_KEYS,
    ...(liveStreams ? { liveStreams } : {}),
  });
  const server = await listen(app, 0);
  let closed = false;
  const closeHttp = async (graceMs?: number) => {
    if (closed) return;
    closed = true;
    await closeServer(server, graceMs);
  };
  return {
    database,
    server,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    closeHttp,
    async stop() {
      await closeHttp();
      await inboxFeed.close();
      await database.drop();
    },
  };
}
