import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startOrderStack, type OrderStack } from '../support/order-stack';
import { orderPath, request } from '../support/http';
import { sampleOrder } from '../support/orders';

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
    assert.equal(response.status, 400);
    assert.equal(response.body.error, 'malformed_json');
  });

  test('wrong types name every failing field and why', async () => {
    const order = sampleOrder() as Record<string, unknown>;
    const response = await api('POST', '/orders', {
      ...order,
      channel: 'fax',
      currency: 'dollars',
      lines: [{ sku: 'A', quantity: 0, unitPriceMinor: 12.5 }],
      customer: { id: 'c1', name: 'X', email: 'not-an-email' },
    });
    assert.equal(response.status, 400);
    assert.equal(response.body.error, 'validation_failed');
    const fields = (response.body.problems as { field: string; message: string }[])
      .map((p) => p.field)
      .sort();
    assert.deepEqual(fields, [
      'channel',
      'currency',
      'customer.email',
      'lines.0.quantity',
      'lines.0.unitPriceMinor',
    ]);
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
    assert.equal(response.status, 413);
    assert.equal(response.body.error, 'body_too_large');
  });

  test('a non-JSON content type is a 415', async () => {
    const response = await api('POST', '/orders', 'channel=web', { 'content-type': 'text/plain' });
    assert.equal(response.status, 415);
  });

  test('unknown orders and routes are 404s', async () => {
    assert.equal((await api('GET', orderPath('web:acme:nope'))).status, 404);
    const event = await api('POST', `${orderPath('web:acme:nope')}/events`, {
      eventId: 'e1',
      type: 'picked',
    });
    assert.equal(event.status, 404);
    assert.equal(event.body.error, 'order_not_found');
    assert.equal((await api('GET', '/no-such-route')).status, 404);
  });

  test('an event of an unknown type or without an ID is a 400', async () => {
    const unknownType = await api('POST', `${orderPath('web:acme:x')}/events`, {
      eventId: 'e1',
      type: 'teleported',
    });
    assert.equal(unknownType.status, 400);
    const noId = await api('POST', `${orderPath('web:acme:x')}/events`, { type: 'picked' });
    assert.equal(noId.status, 400);
    assert.equal((noId.body.problems as { field: string }[])[0]?.field, 'eventId');
  });

  test('health and readiness', async () => {
    assert.equal((await api('GET', '/healthz')).status, 200);
    const ready = await api('GET', '/readyz');
    assert.equal(ready.status, 200);
    assert.deepEqual(ready.body.checks, { postgres: { ok: true }, temporal: { ok: true } });
  });

  test('a valid order still goes through after all that', async () => {
    const response = await api('POST', '/orders', sampleOrder());
    assert.equal(response.status, 201);
  });
});
