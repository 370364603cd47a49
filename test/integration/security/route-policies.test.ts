import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { apiAccessGate } from '../../../src/api/access-gate';
import { API_OPERATIONS } from '../../../src/api/openapi/catalogue';
import { createLogger } from '../../../src/logger';
import { RouteTable } from '../../../src/security/route-table';
import { appWithEveryRoute, registeredRoutes } from '../../support/registered-routes';

const table = new RouteTable(API_OPERATIONS);

describe('every route the app registers has a declared policy', () => {
  const routes = registeredRoutes(appWithEveryRoute());

  test('the app registers routes (the walk finds them)', () => {
    assert.ok(routes.length >= API_OPERATIONS.length, `found ${routes.length}`);
  });

  for (const route of routes) {
    test(`${route.method.toUpperCase()} ${route.path}`, () => {
      const declared = API_OPERATIONS.find(
        (operation) => operation.method === route.method && operation.path === route.path,
      );
      assert.ok(declared, 'not in the route catalogue, so it has no access policy');
      assert.ok(declared.access, 'no access policy');
      // The gate finds this very declaration for a request to the route.
      const concrete = route.path.replace(/:(\w+)/g, 'x-$1');
      assert.equal(table.match(route.method, concrete)?.route, declared);
    });
  }

  test('routes for ops, the warehouse and the stock are operator routes', () => {
    const staff = API_OPERATIONS.filter(
      (operation) =>
        operation.path.startsWith('/ops/') ||
        operation.path.startsWith('/inventory/') ||
        operation.audience === 'ops' ||
        operation.audience === 'warehouse',
    );
    assert.ok(staff.length > 20);
    for (const operation of staff) {
      assert.equal(operation.access.door, 'operator', `${operation.method} ${operation.path}`);
    }
  });

  test('issuing and revoking credentials takes the admin scope alone', () => {
    const credentialRoutes = API_OPERATIONS.filter(
      (operation) => /channel-keys|service-tokens/.test(operation.path) && operation.method !== 'get',
    );
    assert.equal(credentialRoutes.length, 4);
    for (const operation of credentialRoutes)
      assert.deepEqual(operation.access, { ...operation.access, scopes: ['admin'] });
  });
});

describe('a route registered without a declared policy is not reachable', () => {
  test('the gate answers 404 for it, before its handler runs, whatever the spelling', async () => {
    let reached = 0;
    const app = express();
    app.use(apiAccessGate({ db: {} as never, logger: createLogger('silent'), operatorAuth: {} }));
    app.post('/ops/undeclared-purge', (_req, res) => {
      reached += 1;
      res.json({ purged: true });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      for (const path of ['/ops/undeclared-purge', '/OPS/Undeclared-Purge', '/ops/undeclared-purge/']) {
        const response = await fetch(`${base}${path}`, { method: 'POST' });
        assert.equal(response.status, 404, path);
        assert.equal(((await response.json()) as { code: string }).code, 'not_found');
      }
      assert.equal(reached, 0);
    } finally {
      server.close();
    }
  });

  test('a declared operator route is matched however express would match it', () => {
    for (const path of [
      '/orders/a/cancel',
      '/ORDERS/a/Cancel',
      '/orders/a%2Fb/cancel',
      '/orders/a/cancel/',
    ]) {
      assert.equal(table.match('post', path)?.route.path, '/orders/:id/cancel', path);
    }
    assert.equal(table.match('head', '/orders/a')?.route.path, '/orders/:id');
    assert.equal(table.match('get', '/track/assets/status-page.css')?.route.access.door, 'public');
  });
});
