import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { exceptionOpsRoutes } from '../../src/api/ops/exceptions';
import { errorHandler, notFoundRoute } from '../../src/api/http-errors';
import { createLogger } from '../../src/logger';
import { raiseException, resolveExceptions, type RaisedException } from '../../src/orders/order-exceptions';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { request } from '../support/http';

let database: TestDatabase;
let server: Server;
let baseUrl: string;

before(async () => {
  database = await createTestDatabase('ost_exceptions');
  const app = express();
  app.use('/ops', exceptionOpsRoutes({ db: database.db }));
  app.use(notFoundRoute);
  app.use(errorHandler(createLogger('silent')));
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise((resolve) => server.close(resolve));
  await database.drop();
});

const HOUR = 3600_000;
const dueHoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

function raised(orderId: string, overrides: Partial<RaisedException>): RaisedException {
  return {
    orderId,
    stage: 'picking',
    level: 1,
    priority: 'normal',
    status: 'reserved',
    dueAt: dueHoursAgo(1),
    raisedAt: new Date().toISOString(),
    latenessMinutes: 0,
    orderValueMinor: 5000,
    currency: 'USD',
    ...overrides,
  };
}

type Listed = { exceptions: { orderId: string; stage: string; level: number; latenessMinutes: number }[] };

test('open exceptions come most urgent first: priority, then order value, lateness and customer tier', async () => {
  const { db } = database;
  await raiseException(db, raised('cheap', { orderValueMinor: 900 }));
  await raiseException(db, raised('late', { dueAt: dueHoursAgo(5) }));
  await raiseException(db, raised('gold', { customerTier: 'gold' }));
  await raiseException(db, raised('plain', {}));
  await raiseException(
    db,
    raised('stalled', { stage: 'in_transit', priority: 'urgent', level: 2, orderValueMinor: 100 }),
  );
  await raiseException(db, raised('done', { orderValueMinor: 99_000 }));
  await resolveExceptions(db, { orderId: 'done', stages: ['picking'], resolvedAt: new Date().toISOString() });

  const response = await request<Listed>(baseUrl, 'GET', '/ops/exceptions');
  assert.equal(response.status, 200);
  assert.deepEqual(
    response.body.exceptions.map((item) => item.orderId),
    ['stalled', 'late', 'gold', 'plain', 'cheap'],
  );
  const late = response.body.exceptions.find((item) => item.orderId === 'late')!;
  assert.ok(late.latenessMinutes >= 299, 'lateness counts on while the exception is open');
});

test('a raise never lowers an escalation; raising a resolved exception reopens it', async () => {
  const { db } = database;
  await raiseException(db, raised('esc', { stage: 'out_for_delivery', level: 2, priority: 'urgent' }));
  await raiseException(db, raised('esc', { stage: 'out_for_delivery', level: 1, priority: 'high' }));
  const listed = (await request<Listed>(baseUrl, 'GET', '/ops/exceptions?limit=500')).body.exceptions;
  assert.equal(listed.find((item) => item.orderId === 'esc')!.level, 2);
  await resolveExceptions(db, {
    orderId: 'esc',
    stages: ['out_for_delivery'],
    resolvedAt: new Date().toISOString(),
  });
  await raiseException(db, raised('esc', { stage: 'out_for_delivery', level: 1, priority: 'high' }));
  const reopened = (await request<Listed>(baseUrl, 'GET', '/ops/exceptions?limit=500')).body.exceptions;
  assert.equal(reopened.find((item) => item.orderId === 'esc')!.level, 1);
});

test('a bad limit is a 400 problem naming the field', async () => {
  for (const limit of ['0', 'ten', '2.5', '100000']) {
    const response = await request<{ code: string; errors: { field: string }[] }>(
      baseUrl,
      'GET',
      `/ops/exceptions?limit=${limit}`,
    );
    assert.equal(response.status, 400, limit);
    assert.equal(response.body.errors[0]!.field, 'limit');
  }
  const two = await request<Listed>(baseUrl, 'GET', '/ops/exceptions?limit=2');
  assert.equal(two.body.exceptions.length, 2);
});
