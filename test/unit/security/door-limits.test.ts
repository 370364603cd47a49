import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TokenBuckets } from '../../../src/intake/spikes/token-bucket';
import { parseDoorLimits } from '../../../src/security/door-limits/config';
import { doorOf } from '../../../src/security/door-limits/doors';
import { appWithEveryRoute, registeredRoutes } from '../../support/registered-routes';

describe('door limits', () => {
  it('keep at most maxKeys buckets, dropping the least recently used', () => {
    const buckets = new TokenBuckets(
      () => ({ perSecond: 1, burst: 1 }),
      () => 0,
      3,
    );
    for (const key of ['a', 'b', 'c']) assert.equal(buckets.take(key).allowed, true);
    assert.equal(buckets.take('a').allowed, false, 'a is spent and now the most recently used');
    for (let i = 0; i < 10_000; i += 1) buckets.take(`hostile-${i}`);
    assert.equal(buckets.size, 3);
  });

  it('name the door and the account of each public route', () => {
    assert.deepEqual(doorOf('POST', '/webhooks/fedex'), { door: 'carrierWebhooks', account: 'fedex' });
    assert.deepEqual(doorOf('POST', '/webhooks/ups/token'), { door: 'carrierWebhooks', account: 'ups' });
    assert.deepEqual(doorOf('POST', '/webhooks/sendgrid/events'), {
      door: 'providerWebhooks',
      account: 'sendgrid',
    });
    assert.deepEqual(doorOf('POST', '/orders/web%3Aacme%3A1/events'), {
      door: 'orderEvents',
      account: 'web:acme:1',
    });
    assert.deepEqual(doorOf('GET', '/track/web:acme:1/events'), {
      door: 'customer',
      account: 'order:web:acme:1',
    });
    assert.deepEqual(doorOf('GET', '/notifications/customers/c-1/inbox'), {
      door: 'customer',
      account: 'customer:c-1',
    });
    assert.deepEqual(doorOf('POST', '/orders'), { door: 'orders' });
    assert.equal(doorOf('GET', '/orders/web:acme:1'), undefined, 'reads of an order are not a door');
    assert.equal(doorOf('GET', '/ops/intake/dead-letters'), undefined);
  });

  it('cover every registered channel, webhook, order-change and customer route', () => {
    const publicRoute =
      /^\/(intake|webhooks|track|notifications)\/|^\/orders$|^\/orders\/:[^/]+\/(events|hold|release|cancel)$/;
    const routes = registeredRoutes(appWithEveryRoute()).filter((route) => publicRoute.test(route.path));
    assert.ok(routes.length > 10, `found ${routes.length} public routes`);
    for (const route of routes) {
      const path = route.path.replace(/:[A-Za-z]+/g, 'x');
      assert.ok(doorOf(route.method.toUpperCase(), path), `${route.method} ${route.path} has no door`);
    }
  });

  it('default to limits an honest carrier or campaign does not reach', () => {
    const limits = parseDoorLimits({});
    assert.ok(limits.carrierWebhooks.address.perSecond >= 100);
    assert.ok((limits.carrierWebhooks.account?.perSecond ?? 0) >= 100);
    assert.deepEqual(limits.orderEvents.account, { perSecond: 1, burst: 60 });
  });
});
