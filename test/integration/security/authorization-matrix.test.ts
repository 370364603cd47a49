import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { API_OPERATIONS } from '../../../src/api/openapi/catalogue';
import type { ApiOperation } from '../../../src/api/openapi/operation';
import type { RouteAccess } from '../../../src/security/access';
import { issueCustomerLink, issueOrderLink } from '../../../src/security/customer-links';
import { grantsAny, type OperatorScope } from '../../../src/security/scopes';
import { request } from '../../support/http';
import { TEST_OPS_TOKEN } from '../../support/ops-credentials';
import { startOrderStack, type OrderStack } from '../../support/order-stack';

type Caller =
  | 'anonymous'
  | 'other account’s channel key'
  | 'ops read-only'
  | 'ops write'
  | 'admin'
  | 'link for another order or customer'
  | 'link for this order or customer';
/** `admitted`: the door opened (the route itself answers); `refused`: a 4xx from a route that checks its own credential. */
type Expected = 401 | 403 | 404 | 'admitted' | 'refused';

const CALLER_SCOPES: Partial<Record<Caller, OperatorScope[]>> = {
  'ops read-only': ['orders:read'],
  'ops write': ['orders:write'],
  admin: ['admin'],
};

function expectedFor(operation: ApiOperation, caller: Caller): Expected {
  const access: RouteAccess = operation.access;
  switch (access.door) {
    case 'public':
      return 'admitted';
    case 'operator': {
      const scopes = CALLER_SCOPES[caller];
      if (!scopes) return 401;
      return grantsAny(new Set(scopes), access.scopes) ? 'admitted' : 403;
    }
    case 'channel-key':
      // A key of another account may submit its own orders only: naming this account is refused.
      return caller === 'other account’s channel key' && operation.path === '/orders' ? 403 : 401;
    case 'signed-webhook':
      return 'refused';
    case 'customer-link':
      // Unknown, missing and foreign links get the one answer an unknown order or customer gets.
      if (caller === 'link for this order or customer') return 'admitted';
      return operation.path === '/notifications/unsubscribe' ? 'refused' : 404;
  }
}

describe('authorization matrix: every route × every kind of caller', () => {
  let stack: OrderStack;
  const credentials = new Map<Caller, Record<string, string>>();
  const ORDER = 'web:acme:1001';

  before(async () => {
    stack = await startOrderStack({ notifications: true });
    const submit = API_OPERATIONS.find(
      (operation) => operation.method === 'post' && operation.path === '/orders',
    );
    const created = await request(stack.baseUrl, 'POST', '/orders', submit?.example?.body);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const token = async (name: string, scopes: OperatorScope[]) => {
      const issued = await request<{ token: string }>(stack.baseUrl, 'POST', '/ops/service-tokens', {
        name,
        scopes,
      });
      assert.equal(issued.status, 201);
      return issued.body.token;
    };
    const otherKey = await request<{ apiKey: string }>(stack.baseUrl, 'POST', '/ops/intake/channel-keys', {
      accountId: 'other-shop',
    });
    // The X-Ops-Actor header once let anyone act as ops; it opens nothing now.
    credentials.set('anonymous', { 'x-ops-actor': 'grace@ops' });
    credentials.set('other account’s channel key', { authorization: `Bearer ${otherKey.body.apiKey}` });
    credentials.set('ops read-only', { authorization: `Bearer ${await token('reader', ['orders:read'])}` });
    credentials.set('ops write', { authorization: `Bearer ${await token('writer', ['orders:write'])}` });
    credentials.set('admin', { authorization: `Bearer ${TEST_OPS_TOKEN}` });
  });
  after(async () => {
    await stack?.stop();
  });

  function foreignLink(operation: ApiOperation): string {
    if (operation.path.includes(':customerId')) {
      return issueCustomerLink({ channel: 'web', accountId: 'acme', customerId: 'someone-else' });
    }
    return issueOrderLink('web:acme:someone-else');
  }

  function ownLink(operation: ApiOperation): string {
    if (operation.path.includes(':customerId')) {
      return issueCustomerLink({
        channel: 'web',
        accountId: 'acme',
        customerId: operation.example?.params?.customerId ?? '',
      });
    }
    return issueOrderLink(ORDER);
  }

  async function send(operation: ApiOperation, caller: Caller): Promise<{ status: number; text: string }> {
    const example = operation.example ?? {};
    const path = operation.path.replace(/:(\w+)/g, (_, name: string) =>
      encodeURIComponent(example.params?.[name] ?? 'x'),
    );
    const query = new URLSearchParams(example.query ?? {});
    if (caller === 'link for another order or customer') query.set('t', foreignLink(operation));
    if (caller === 'link for this order or customer') query.set('t', ownLink(operation));
    const isForm = operation.body?.content === 'form';
    const body =
      example.body === undefined
        ? undefined
        : isForm
          ? typeof example.body === 'string'
            ? example.body
            : new URLSearchParams(example.body as Record<string, string>).toString()
          : JSON.stringify(example.body);
    const abort = new AbortController();
    const response = await fetch(`${stack.baseUrl}${path}${query.size > 0 ? `?${query}` : ''}`, {
      method: operation.method.toUpperCase(),
      headers: {
        ...(body !== undefined
          ? { 'content-type': isForm ? 'application/x-www-form-urlencoded' : 'application/json' }
          : {}),
        ...example.headers,
        ...(credentials.get(caller) ?? {}),
      },
      ...(body !== undefined ? { body } : {}),
      signal: abort.signal,
    });
    if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
      abort.abort();
      return { status: response.status, text: '' };
    }
    return { status: response.status, text: (await response.text()).slice(0, 300) };
  }

  const callers: Caller[] = [
    'anonymous',
    'other account’s channel key',
    'ops read-only',
    'ops write',
    'admin',
    'link for another order or customer',
    'link for this order or customer',
  ];
  for (const operation of API_OPERATIONS) {
    test(`${operation.method.toUpperCase()} ${operation.path} (${operation.access.door})`, async (t) => {
      const cells: string[] = [];
      for (const caller of callers) {
        if (caller.startsWith('link for') && operation.access.door !== 'customer-link') continue;
        // Only routes of one order or one customer take a link of their own (not assets, not unsubscribe).
        if (caller === 'link for this order or customer' && !/:orderId|:customerId/.test(operation.path))
          continue;
        const expected = expectedFor(operation, caller);
        const { status, text } = await send(operation, caller);
        cells.push(`${caller}: ${status}`);
        const context = `${caller} expected ${expected}, got ${status} ${text}`;
        if (expected === 'admitted') assert.ok(status !== 401 && status !== 403 && status < 500, context);
        else if (expected === 'refused')
          assert.ok((status >= 400 && status < 500) || status === 503, context);
        else assert.equal(status, expected, context);
        if (expected === 401) assert.match(text, /"code":"unauthenticated"/, context);
      }
      t.diagnostic(cells.join(', '));
    });
  }

  test('operator routes answer the same for an order that exists and one that does not', async () => {
    const known = `/orders/${encodeURIComponent(ORDER)}`;
    const unknown = '/orders/web%3Aacme%3Anever-placed';
    for (const caller of ['anonymous', 'other account’s channel key', 'ops read-only'] as const) {
      for (const [method, suffix] of [
        ['GET', ''],
        ['POST', '/cancel'],
      ] as const) {
        const headers = { authorization: '', ...credentials.get(caller) };
        const a = await request(
          stack.baseUrl,
          method,
          `${known}${suffix}`,
          method === 'POST' ? {} : undefined,
          headers,
        );
        const b = await request(
          stack.baseUrl,
          method,
          `${unknown}${suffix}`,
          method === 'POST' ? {} : undefined,
          headers,
        );
        // A read-only operator may see orders; it is told nothing about them where it may not act.
        if (caller === 'ops read-only' && method === 'GET') continue;
        assert.ok(a.status === 401 || a.status === 403, `${caller} ${method}${suffix}: ${a.status}`);
        assert.equal(a.status, b.status, `${caller} ${method}${suffix}`);
        assert.deepEqual(a.body, b.body, `${caller} ${method}${suffix}`);
      }
    }
  });
});
