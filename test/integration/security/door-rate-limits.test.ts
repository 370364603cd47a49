import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createApp, type AppDeps } from '../../../src/api/app';
import { createLogger } from '../../../src/logger';
import type { DoorLimitsInput } from '../../../src/security/door-limits/config';
import { createTestDatabase, type TestDatabase } from '../../support/database';

const tight = { perSecond: 0.001, burst: 2 };
const roomy = { perSecond: 1000, burst: 1000 };

/**
 * The API app on a real database and real HTTP. Every request here is answered before it could reach
 * Temporal (a refused signature, an unknown account, a 429), so the client is a stand-in never called.
 */
async function startApi(
  db: TestDatabase,
  doorLimits: DoorLimitsInput,
  extra: Partial<AppDeps> = {},
): Promise<{ url: string; server: Server }> {
  const app = createApp({
    db: db.db,
    client: {} as never,
    logger: createLogger('silent'),
    carrierWebhookSecrets: { fedex: { securityToken: 'fedex-token' } },
    doorLimits,
    ...extra,
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function post(url: string, from: string, body = '{}') {
  const response = await fetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from, 'fdx-signature': 'forged' },
  });
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: response.status, retryAfter: response.headers.get('retry-after'), json };
}

describe('rate limits at every public door, by client address and by account', () => {
  let database: TestDatabase;
  const servers: Server[] = [];
  before(async () => {
    database = await createTestDatabase('ost_doors');
  });
  after(async () => {
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
    await database.drop();
  });

  async function api(limits: DoorLimitsInput, extra: Partial<AppDeps> = {}): Promise<string> {
    const started = await startApi(database, limits, extra);
    servers.push(started.server);
    return started.url;
  }

  it('gives each client address its own bucket: one address flooding a webhook gets 429, another does not', async () => {
    const url = await api({ carrierWebhooks: { address: tight, account: roomy } });
    const flood = [];
    for (let i = 0; i < 3; i += 1) flood.push(await post(`${url}/webhooks/fedex`, '203.0.113.7'));
    assert.deepEqual(
      flood.map((r) => r.status),
      [401, 401, 429],
    );
    assert.ok(Number(flood[2]?.retryAfter) >= 1);
    assert.equal(flood[2]?.json.code, 'rate_limited');
    assert.equal(flood[2]?.json.limitedBy, 'address');
    assert.equal((await post(`${url}/webhooks/fedex`, '203.0.113.8')).status, 401);
  });

  it('limits one account whatever addresses its requests come from', async () => {
    const url = await api({ carrierWebhooks: { address: roomy, account: tight } });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push(await post(`${url}/webhooks/fedex`, `198.51.100.${i}`));
    assert.deepEqual(
      statuses.map((r) => r.status),
      [401, 401, 429],
    );
    assert.equal(statuses[2]?.json.limitedBy, 'account');
  });

  it('limits events to one order per minute and the customer routes per order', async () => {
    const url = await api({
      orderEvents: { address: roomy, account: tight },
      customer: { address: roomy, account: tight },
    });
    const events = [];
    for (let i = 0; i < 3; i += 1)
      events.push(await post(`${url}/orders/web:acme:1/events`, '192.0.2.1', '['));
    assert.equal(events[2]?.status, 429);
    assert.notEqual(events[0]?.status, 429);
    assert.notEqual((await post(`${url}/orders/web:acme:2/events`, '192.0.2.1', '[')).status, 429);
    const pages = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await fetch(`${url}/track/web:acme:1/status.json`, {
        headers: { 'x-forwarded-for': `192.0.2.${10 + i}` },
      });
      pages.push(response.status);
    }
    assert.equal(pages[2], 429);
    assert.notEqual(pages[0], 429);
  });

  it('rate-limits the channel doors and POST /orders by address', async () => {
    const url = await api({ channels: { address: tight }, orders: { address: tight } });
    const channel = [];
    for (let i = 0; i < 3; i += 1)
      channel.push(await post(`${url}/intake/shopify/no-such-shop`, '192.0.2.50'));
    assert.deepEqual(
      channel.map((r) => r.status),
      [401, 401, 429],
    );
    const orders = [];
    for (let i = 0; i < 3; i += 1) orders.push(await post(`${url}/orders`, '192.0.2.51', '['));
    assert.equal(orders[2]?.status, 429);
    assert.notEqual(orders[0]?.status, 429);
  });

  it('believes X-Forwarded-For only from a trusted proxy, so a caller cannot name itself new addresses', async () => {
    const url = await api({ carrierWebhooks: { address: tight, account: roomy } }, { trustProxy: false });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push(await post(`${url}/webhooks/fedex`, `203.0.113.${100 + i}`));
    assert.deepEqual(
      statuses.map((r) => r.status),
      [401, 401, 429],
    );
  });
});
