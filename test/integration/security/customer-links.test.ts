import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { legacyUnsubscribeSignature } from '../../../src/notifications/preferences/unsubscribe-link';
import {
  getPreferences,
  listPushTokens,
  registerPushToken,
} from '../../../src/notifications/preferences/store';
import { issueCustomerLink, issueOrderLink, type CustomerScope } from '../../../src/security/customer-links';
import {
  addInboxMessage,
  LINK_KEYS,
  OLD_KEY_ONLY,
  placeOrder,
  RETIRED_KEY,
  startCustomerLinkFixture,
  UNSUBSCRIBE_SECRET,
  type CustomerLinkFixture,
} from './customer-link-fixture';

interface Answer {
  status: number;
  type: string | null;
  body: string;
}

const day = 24 * 60 * 60 * 1000;
const enc = encodeURIComponent;

describe('customer links on the status page, inbox, preferences and unsubscribe', () => {
  let f: CustomerLinkFixture;
  let orderId: string;
  let otherOrderId: string;
  const ada: CustomerScope = { channel: 'web', accountId: 'acme', customerId: 'cust-links-1' };

  before(async () => {
    f = await startCustomerLinkFixture();
    orderId = await placeOrder(f.database, 'LINK-1', ada.customerId);
    otherOrderId = await placeOrder(f.database, 'LINK-2', 'cust-links-2');
  });
  after(() => f?.stop());

  /** Sends a request and reads the answer whole; a stream is read no further than its headers. */
  async function send(path: string, init: RequestInit = {}): Promise<Answer> {
    const abort = new AbortController();
    const response = await fetch(`${f.baseUrl}${path}`, { ...init, signal: abort.signal });
    const type = response.headers.get('content-type');
    if (type?.startsWith('text/event-stream')) {
      abort.abort();
      return { status: response.status, type, body: '' };
    }
    return { status: response.status, type, body: await response.text() };
  }

  const orderLink = (id: string, options = {}) => issueOrderLink(id, { keys: LINK_KEYS, ...options });
  const customerLink = (scope: CustomerScope, options = {}) =>
    issueCustomerLink(scope, { keys: LINK_KEYS, ...options });

  /** Every way a link can be wrong for `orderId`. */
  function badOrderTokens(): Record<string, string | undefined> {
    const good = orderLink(orderId);
    return {
      missing: undefined,
      garbage: 'not-a-token',
      tampered: good.slice(0, -2) + (good.endsWith('AA') ? 'BB' : 'AA'),
      expired: orderLink(orderId, { expiresAt: new Date(Date.now() - 1000) }),
      'another order': orderLink(otherOrderId),
      'a customer link': customerLink({ ...ada, customerId: orderId }),
      'a retired key': issueOrderLink(orderId, { keys: RETIRED_KEY }),
    };
  }

  const orderPaths = (id: string) => [
    `/track/${enc(id)}`,
    `/track/${enc(id)}/status.json`,
    `/track/${enc(id)}/events`,
    `/notifications/orders/${enc(id)}/inbox/stream`,
  ];
  const withToken = (path: string, token: string | undefined) =>
    token ? `${path}${path.includes('?') ? '&' : '?'}t=${enc(token)}` : path;

  test('a valid order link opens the page, status.json and both streams, by query or bearer header', async () => {
    const token = orderLink(orderId);
    for (const path of orderPaths(orderId)) {
      assert.equal((await send(withToken(path, token))).status, 200, path);
      const byHeader = await send(path, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(byHeader.status, 200, `${path} with a bearer token`);
    }
    const withOtherBearer = await send(withToken(`/track/${enc(orderId)}/status.json`, token), {
      headers: { authorization: 'Bearer st_an-operator-token' },
    });
    assert.equal(withOtherBearer.status, 200, 'an unrelated bearer credential does not hide the link');
    const older = issueOrderLink(orderId, { keys: OLD_KEY_ONLY });
    assert.equal((await send(withToken(`/track/${enc(orderId)}/status.json`, older))).status, 200);
  });

  test('a bad, expired or foreign order link is answered exactly as an order that does not exist', async () => {
    const unknownId = 'web:acme:NO-SUCH-ORDER';
    for (const [index, path] of orderPaths(orderId).entries()) {
      // The order's inbox stream does not look the order up: an unknown order is one without a link.
      const inboxStream = path.endsWith('/inbox/stream');
      const unknownPath = orderPaths(unknownId)[index]!;
      const unknown = await send(inboxStream ? unknownPath : withToken(unknownPath, orderLink(unknownId)));
      assert.equal(unknown.status, 404, `${path}: ${unknown.body}`);
      for (const [why, token] of Object.entries(badOrderTokens())) {
        const answer = await send(withToken(path, token));
        assert.deepEqual(answer, unknown, `${path} with ${why}`);
        const byHeader = await send(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
        assert.deepEqual(byHeader, unknown, `${path} with ${why} as a bearer token`);
      }
    }
  });

  test('a token given twice, or far too long, is no token and never a server error', async () => {
    const token = orderLink(orderId);
    const json = `/track/${enc(orderId)}/status.json`;
    const twice = await send(`${json}?t=${token}&t=${token}`);
    assert.equal(twice.status, 404);
    const long = await send(`${json}?t=${'A'.repeat(4000)}`);
    assert.equal(long.status, 404);
  });

  const customerPaths = (customerId: string): [string, string, unknown?][] => {
    const base = `/notifications/customers/${enc(customerId)}`;
    return [
      ['GET', `${base}/preferences`],
      ['PUT', `${base}/preferences`, { channels: ['email'] }],
      ['GET', `${base}/push-tokens`],
      ['POST', `${base}/push-tokens`, { token: 'device-token-0001', platform: 'web' }],
      ['DELETE', `${base}/push-tokens/device-token-0001`],
      ['GET', `${base}/inbox`],
      ['POST', `${base}/inbox/1/read`],
      ['GET', `${base}/inbox/stream`],
      ['GET', `/notifications/unsubscribe?customer=${enc(customerId)}&channel=email`],
      ['POST', `/notifications/unsubscribe?customer=${enc(customerId)}&channel=email`],
    ];
  };

  const sendAs = (
    method: string,
    path: string,
    body: unknown,
    token: string | undefined,
    how: 'query' | 'header',
  ) =>
    send(how === 'query' ? withToken(path, token) : path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(how === 'header' && token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  test('a bad, expired or foreign customer link gets one answer, whether the customer exists or not', async () => {
    await registerPushToken(f.database.db, ada, { token: 'device-token-0001', platform: 'web' });
    const before = await getPreferences(f.database.db, ada);
    const good = customerLink(ada);
    const bad: Record<string, string | undefined> = {
      missing: undefined,
      garbage: 'x.y.z',
      tampered: good.replace(/.$/, good.endsWith('A') ? 'B' : 'A'),
      expired: customerLink(ada, { expiresAt: new Date(Date.now() - day) }),
      'another customer': customerLink({ ...ada, customerId: 'cust-links-2' }),
      'an order link': orderLink(ada.customerId),
      'a retired key': issueCustomerLink(ada, { keys: RETIRED_KEY }),
    };
    const nobody = customerPaths('never-a-customer');
    for (const [index, [method, path, body]] of customerPaths(ada.customerId).entries()) {
      const [, nobodyPath, nobodyBody] = nobody[index]!;
      const unknown = await sendAs(method, nobodyPath, nobodyBody, undefined, 'query');
      assert.equal(unknown.status, 404, `${method} ${nobodyPath}: ${unknown.body}`);
      assert.match(unknown.body, /customer_not_found/);
      for (const [why, token] of Object.entries(bad)) {
        for (const how of ['query', 'header'] as const) {
          const answer = await sendAs(method, path, body, token, how);
          assert.deepEqual(answer, unknown, `${method} ${path} with ${why} by ${how}`);
        }
      }
    }
    assert.deepEqual(await getPreferences(f.database.db, ada), before, 'nothing changed');
    assert.equal((await listPushTokens(f.database.db, ada)).length, 1, 'the device kept its token');
  });

  test("a customer link sees its own channel account's messages only, and removes its own devices only", async () => {
    const own = await addInboxMessage(f.database, orderId, ada.customerId);
    const foreign = await addInboxMessage(f.database, 'shopify:other-shop:77', ada.customerId);
    const headers = { authorization: `Bearer ${customerLink(ada)}` };
    const base = `/notifications/customers/${ada.customerId}`;
    const inbox = JSON.parse((await send(`${base}/inbox`, { headers })).body) as { items: { id: number }[] };
    assert.deepEqual(
      inbox.items.map((item) => item.id),
      [own],
    );
    assert.equal((await send(`${base}/inbox/${foreign}/read`, { method: 'POST', headers })).status, 404);
    assert.equal((await send(`${base}/inbox/${own}/read`, { method: 'POST', headers })).status, 204);

    const someoneElse = { ...ada, customerId: 'cust-links-2' };
    await registerPushToken(f.database.db, someoneElse, { token: 'device-of-someone-else', platform: 'ios' });
    const removeOther = await send(`${base}/push-tokens/device-of-someone-else`, {
      method: 'DELETE',
      headers,
    });
    assert.equal(removeOther.status, 404);
    assert.equal((await listPushTokens(f.database.db, someoneElse)).length, 1);

    const listed = await fetch(`${f.baseUrl}${base}/inbox`, { headers });
    assert.equal(listed.headers.get('cache-control'), 'no-store');
    const put = await sendAs(
      'PUT',
      `${base}/preferences`,
      { channels: ['email', 'in_app'] },
      customerLink(ada),
      'header',
    );
    assert.equal(put.status, 200, put.body);
  });

  test('unsubscribe links open by the customer link, and links sent before customer links still work', async () => {
    const customerId = 'cust-links-unsub';
    const scope = { ...ada, customerId };
    // An old link names no account: it unsubscribes the customer ID in each account with an order for it.
    await placeOrder(f.database, 'LINK-UNSUB', customerId);
    const elsewhere = { channel: 'web', accountId: 'globex', customerId };
    await placeOrder(f.database, 'LINK-UNSUB-2', customerId, elsewhere.accountId);
    const query = (channel: string) => `/notifications/unsubscribe?customer=${customerId}&channel=${channel}`;
    const confirm = await send(withToken(query('email'), customerLink(scope)));
    assert.equal(confirm.status, 200);
    assert.match(confirm.body, /<form method="post"/);
    const done = await send(withToken(query('email'), customerLink(scope)), {
      method: 'POST',
      headers: { accept: 'application/json' },
    });
    assert.equal(done.status, 200, done.body);
    assert.ok(!(await getPreferences(f.database.db, scope)).channels.includes('email'));
    assert.ok(
      (await getPreferences(f.database.db, elsewhere)).channels.includes('email'),
      'own account only',
    );

    const legacy = `${query('sms')}&signature=${legacyUnsubscribeSignature(UNSUBSCRIBE_SECRET, customerId, 'sms')}`;
    assert.equal((await send(legacy, { method: 'POST' })).status, 200);
    assert.ok(!(await getPreferences(f.database.db, scope)).channels.includes('sms'));
    assert.ok(!(await getPreferences(f.database.db, elsewhere)).channels.includes('sms'));
    const forged = `${query('push')}&signature=${legacyUnsubscribeSignature('not-the-secret-at-all', customerId, 'push')}`;
    const refused = await send(forged, { method: 'POST' });
    assert.equal(refused.status, 404);
    assert.ok((await getPreferences(f.database.db, scope)).channels.includes('push'));
  });
});
