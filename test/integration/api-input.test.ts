import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startOrderStack, type OrderStack } from '../support/order-stack';
import { eventually, orderPath, request } from '../support/http';
import { sampleOrder } from '../support/orders';

interface FieldProblem {
  field: string;
  message: string;
}

/** Asserts an RFC 9457 problem-details answer with this status and code; returns its field list. */
function assertProblem(
  response: { status: number; body: Record<string, unknown>; headers: Headers },
  status: number,
  code: string,
): FieldProblem[] {
  const context = JSON.stringify(response.body);
  assert.equal(response.status, status, context);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/, context);
  assert.equal(response.body.type, 'about:blank', context);
  assert.equal(typeof response.body.title, 'string', context);
  assert.equal(response.body.status, status, context);
  assert.equal(typeof response.body.detail, 'string', context);
  assert.equal(response.body.code, code, context);
  return (response.body.errors ?? []) as FieldProblem[];
}

describe('bad input gets a clear 4xx, never a 500', () => {
  let stack: OrderStack;
  before(async () => {
    stack = await startOrderStack();
  });
  after(async () => {
    await stack?.stop();
  });
  const api = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    request(stack.baseUrl, method, path, body, headers);

  test('malformed JSON is a 400 that says so', async () => {
    const response = await api('POST', '/orders', '{"channel": "web",');
    const errors = assertProblem(response, 400, 'malformed_json');
    assert.equal(errors[0]?.field, '(body)');
    assert.match(errors[0]?.message ?? '', /not valid JSON/);
  });

  test('wrong types name every failing field and why', async () => {
    const order = sampleOrder() as Record<string, unknown>;
    const response = await api('POST', '/orders', {
      ...order,
      accountId: 'acme',
      currency: 'dollars',
      lines: [{ sku: 'A', quantity: 0, unitPriceMinor: 12.5 }],
      customer: { id: 'c1', name: 'X', email: 'not-an-email' },
    });
    const errors = assertProblem(response, 400, 'validation_failed');
    assert.ok(
      errors.every((problem) => problem.message.length > 0),
      JSON.stringify(errors),
    );
    assert.match(errors.find((problem) => problem.field === 'customer.email')?.message ?? '', /email/i);
    const fields = errors.map((p) => p.field).sort();
    assert.deepEqual(fields, ['currency', 'customer.email', 'lines.0.quantity', 'lines.0.unitPriceMinor']);
  });

  test('totals that do not add up are refused, naming the field', async () => {
    const totals = { subtotalMinor: 2500, taxMinor: 0, shippingMinor: 0, discountMinor: 0, totalMinor: 9999 };
    const response = await api('POST', '/orders', { ...sampleOrder(), totals });
    const errors = assertProblem(response, 400, 'validation_failed');
    assert.deepEqual(
      errors.map((problem) => problem.field),
      ['totals.totalMinor'],
    );
    assert.equal(typeof response.body.deadLetterId, 'number');
  });

  test('a rejected order is kept as a dead letter that ops can correct and replay', async () => {
    const order = sampleOrder({ externalId: 'FIX-ME' }) as Record<string, unknown>;
    const rejected = await api('POST', '/orders', { ...order, currency: 'euro' });
    assert.equal(rejected.status, 400);
    const deadLetterId = rejected.body.deadLetterId as number;
    assert.ok(Number.isInteger(deadLetterId), JSON.stringify(rejected.body));

    const ops = { 'x-ops-actor': 'ops@example.com' };
    const kept = await api('GET', `/ops/intake/dead-letters/${deadLetterId}`, undefined, ops);
    assert.equal(kept.status, 200);
    assert.match(JSON.stringify(kept.body), /euro/);

    const corrected = await api(
      'PATCH',
      `/ops/intake/dead-letters/${deadLetterId}`,
      { payload: { ...order, currency: 'EUR' } },
      ops,
    );
    assert.equal(corrected.status, 200, JSON.stringify(corrected.body));
    const replayed = await api('POST', `/ops/intake/dead-letters/${deadLetterId}/replay`, {}, ops);
    assert.equal(replayed.status, 200, JSON.stringify(replayed.body));
    const created = await api('GET', orderPath('web:acme:FIX-ME'));
    assert.equal(created.status, 200);

    const malformed = await api('POST', '/orders', '{"channel": ');
    assert.ok(Number.isInteger(malformed.body.deadLetterId));
  });

  test('a body over the limit is a 413', async () => {
    const huge = { ...sampleOrder(), padding: 'x'.repeat(400_000) };
    const response = await api('POST', '/orders', huge);
    assertProblem(response, 413, 'body_too_large');
  });

  test('a non-JSON content type is a 415', async () => {
    const response = await api('POST', '/orders', 'channel=web', { 'content-type': 'text/plain' });
    assertProblem(response, 415, 'unsupported_media_type');
  });

  test('unknown orders and routes are 404s', async () => {
    assert.equal((await api('GET', orderPath('web:acme:nope'))).status, 404);
    const event = await api('POST', `${orderPath('web:acme:nope')}/events`, {
      eventId: 'e1',
      type: 'picked',
    });
    assertProblem(event, 404, 'order_not_found');
    assertProblem(await api('GET', '/no-such-route'), 404, 'not_found');
  });

  test('an event of an unknown type or without an ID is a 400', async () => {
    const unknownType = await api('POST', `${orderPath('web:acme:x')}/events`, {
      eventId: 'e1',
      type: 'teleported',
    });
    assert.equal(unknownType.status, 400);
    const noId = await api('POST', `${orderPath('web:acme:x')}/events`, { type: 'picked' });
    const errors = assertProblem(noId, 400, 'validation_failed');
    assert.equal(errors[0]?.field, 'eventId');
    assert.ok(errors[0]?.message, JSON.stringify(errors));
  });

  test('every 4xx the service writes is problem details', async () => {
    assertProblem(await api('DELETE', '/orders'), 404, 'not_found');
    assertProblem(
      await api('PUT', '/inventory/SKU-WALK', 'onHand=3', { 'content-type': 'text/plain' }),
      415,
      'unsupported_media_type',
    );
    assertProblem(await api('PUT', '/inventory/SKU-WALK', '{"onHand": '), 400, 'malformed_json');
    const stock = assertProblem(
      await api('PUT', '/inventory/SKU-WALK', { onHand: -1 }),
      400,
      'validation_failed',
    );
    assert.equal(stock[0]?.field, 'onHand');
    assert.ok(stock[0]?.message, JSON.stringify(stock));

    const unsigned = await api('POST', '/webhooks/fedex', { trackResults: [] });
    assertProblem(unsigned, 401, 'invalid_signature');
    assert.match(String(unsigned.body.detail), /missing/);

    // Channel keys and operator tokens are checked at the door, before any body is read or kept.
    const keyless = await api('POST', '/intake/rest/acme', sampleOrder({ externalId: 'WALK-KEY' }));
    const keyErrors = assertProblem(keyless, 401, 'unauthenticated');
    assert.deepEqual(keyErrors, [{ field: 'header:authorization', message: 'is required' }]);
    assert.equal(keyless.body.deadLetterId, undefined);
    const anonymous = { authorization: '' };
    const unaudited = assertProblem(
      await api('GET', '/ops/intake/dead-letters/1', undefined, anonymous),
      401,
      'unauthenticated',
    );
    assert.deepEqual(unaudited, [{ field: 'header:authorization', message: 'is required' }]);
    const forged = await api('GET', '/ops/intake/dead-letters/1', undefined, {
      authorization: 'Bearer forged',
    });
    assertProblem(forged, 401, 'unauthenticated');
    assert.match(forged.headers.get('www-authenticate') ?? '', /invalid_token/);

    const placed = await api('POST', '/orders', sampleOrder({ externalId: 'WALK-409' }));
    const orderId = String(placed.body.orderId);
    assert.equal((await api('POST', `${orderPath(orderId)}/cancel`, {})).status, 200);
    const late = await api('POST', `${orderPath(orderId)}/events`, { eventId: 'late-pick', type: 'picked' });
    assert.equal(late.status, 409, JSON.stringify(late.body));
    assert.ok(['invalid_transition', 'order_closed'].includes(String(late.body.code)));
    assertProblem(late, 409, String(late.body.code));
  });

  test('health and readiness', async () => {
    assert.equal((await api('GET', '/healthz')).status, 200);
    const ready = await api('GET', '/readyz');
    assert.equal(ready.status, 200);
    assert.deepEqual(ready.body.checks, { postgres: { ok: true }, temporal: { ok: true } });
  });

  test('a lone surrogate in an order is a 400 naming the field, kept as a dead letter', async () => {
    const order = sampleOrder();
    const response = await api('POST', '/orders', {
      ...order,
      customer: { ...order.customer, name: 'Ada \ud800' },
    });
    const errors = assertProblem(response, 400, 'validation_failed');
    assert.deepEqual(
      errors.map((problem) => problem.field),
      ['customer.name'],
    );
    assert.equal(typeof response.body.deadLetterId, 'number');
  });

  test('a NUL in a hold reason is a 400 naming the field, and the order still projects', async () => {
    await api('PUT', '/inventory/SKU-MUG', { onHand: 50 });
    const created = await api('POST', '/orders', sampleOrder());
    const orderId = created.body.orderId as string;
    await eventually(async () =>
      (await api('GET', orderPath(orderId))).body.status === 'reserved' ? true : undefined,
    );
    const refused = await api('POST', `${orderPath(orderId)}/hold`, {
      eventId: 'h-nul',
      reason: 'check\u0000',
    });
    assert.deepEqual(
      assertProblem(refused, 400, 'validation_failed').map((problem) => problem.field),
      ['reason'],
    );
    const hidden = await api('POST', `${orderPath(orderId)}/events`, {
      eventId: 'p-1',
      type: 'picked',
      x: ['\u0000'],
    });
    assert.deepEqual(
      assertProblem(hidden, 400, 'validation_failed').map((problem) => problem.field),
      ['x.0'],
    );
    const held = await api('POST', `${orderPath(orderId)}/hold`, {
      eventId: 'h-ok',
      reason: 'address check',
    });
    assert.equal(held.status, 200, JSON.stringify(held.body));
    const cancelled = await api('POST', `${orderPath(orderId)}/cancel`, { reasonCode: 'customer_request' });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    const record = await eventually(async () => {
      const read = await api('GET', orderPath(orderId));
      return read.body.status === 'cancelled' ? read.body : undefined;
    });
    const timeline = record.timeline as { eventId: string; details: Record<string, unknown> }[];
    assert.deepEqual(timeline.find((entry) => entry.eventId === 'h-ok')?.details, {
      reasonCode: 'other',
      note: 'address check',
    });
  });

  test('a valid order still goes through after all that', async () => {
    const response = await api('POST', '/orders', sampleOrder());
    assert.equal(response.status, 201);
  });
});
