import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import express from 'express';
import { errorHandler } from '../../../src/api/http-errors';
import { requestPathGuard } from '../../../src/api/request-path-guard';
import { createLogger } from '../../../src/logger';
import { MAX_NESTING, unsafeTextProblems } from '../../../src/validation/safe-text';

const nested = (depth: number) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown;

test('the body guard names a body nested past the limit instead of overflowing the stack', () => {
  assert.deepEqual(unsafeTextProblems(nested(MAX_NESTING)), []);
  const deep = unsafeTextProblems(nested(100_000));
  assert.equal(deep.length, 1);
  assert.equal(deep[0]?.message, `must not nest deeper than ${MAX_NESTING} levels`);
  assert.equal(deep[0]?.field, Array.from({ length: MAX_NESTING }, () => '0').join('.'));
});

test('the body guard walks a wide body and still finds its bad text', () => {
  const wide = [...Array.from({ length: 100_000 }, () => 'ok'), 'x\u0000'];
  assert.deepEqual(unsafeTextProblems(wide), [
    { field: '100000', message: 'must not contain NUL characters' },
  ]);
});

async function withGuardedApp(run: (base: string) => Promise<void>): Promise<void> {
  const app = express();
  app.use(requestPathGuard);
  app.get(['/orders/:id', '/track/:orderId/status.json'], (req, res) => {
    res.json({ params: req.params });
  });
  app.use(errorHandler(createLogger('silent')));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

async function problemFields(url: string): Promise<{ status: number; fields: string[] }> {
  const response = await fetch(url);
  const body = (await response.json()) as { errors?: { field: string }[] };
  return { status: response.status, fields: (body.errors ?? []).map((problem) => problem.field) };
}

test('a path or query with NUL, an encoded lone surrogate or bytes that are not UTF-8 is a 400 naming the parameter', async () => {
  await withGuardedApp(async (base) => {
    assert.deepEqual(await problemFields(`${base}/orders/a%00b`), { status: 400, fields: ['path.id'] });
    assert.deepEqual(await problemFields(`${base}/track/%ED%A0%80/status.json`), {
      status: 400,
      fields: ['path.orderId'],
    });
    assert.deepEqual(await problemFields(`${base}/orders/%FF`), { status: 400, fields: ['path.id'] });
    assert.deepEqual(await problemFields(`${base}/orders/web%3Aacme%3A1?limit=%00`), {
      status: 400,
      fields: ['query.limit'],
    });
    const fine = await fetch(`${base}/orders/web%3Aacme%3A1%F0%9F%98%80?limit=20`);
    assert.equal(fine.status, 200);
    assert.deepEqual(await fine.json(), { params: { id: 'web:acme:1😀' } });
  });
});
