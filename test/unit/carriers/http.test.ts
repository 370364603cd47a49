import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveHttp, sendWithRetry } from '../../../src/carriers/http/carrier-http';
import { CarrierUnavailableError } from '../../../src/carriers/http/errors';
import { parseRetryAfter, retryDelay } from '../../../src/carriers/http/retry-after';
import { createTokenCache } from '../../../src/carriers/http/token-cache';

describe('Retry-After', () => {
  const now = Date.parse('2024-08-05T12:00:00Z');
  it('reads seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter('3', now), 3000);
    assert.equal(parseRetryAfter('Mon, 05 Aug 2024 12:00:10 GMT', now), 10_000);
    assert.equal(parseRetryAfter('Mon, 05 Aug 2024 11:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });
  it('takes precedence over exponential backoff, capped', () => {
    const options = { initialDelayMs: 100, maxDelayMs: 5000 };
    assert.deepEqual(
      [1, 2, 3, 7].map((n) => retryDelay(n, options)),
      [100, 200, 400, 5000],
    );
    assert.equal(retryDelay(1, options, 2000), 2000);
    assert.equal(retryDelay(1, options, 60_000), 5000);
  });
});

describe('sendWithRetry', () => {
  it('retries 503 and 429 with the carrier-given wait, then returns the answer', async () => {
    const answers = [
      new Response('', { status: 503 }),
      new Response('', { status: 429, headers: { 'retry-after': '2' } }),
      new Response('{}', { status: 200 }),
    ];
    const waits: number[] = [];
    const http = resolveHttp({
      fetch: async () => answers.shift()!,
      sleep: async (ms) => void waits.push(ms),
      initialDelayMs: 50,
    });
    const response = await sendWithRetry('fedex', http, 'http://carrier.test/x', () => ({}));
    assert.equal(response.status, 200);
    assert.deepEqual(waits, [50, 2000]);
  });

  it('gives up after the bounded attempts with a retryable error', async () => {
    let calls = 0;
    const http = resolveHttp({
      fetch: async () => (calls++, new Response('', { status: 500 })),
      sleep: async () => {},
      maxAttempts: 3,
    });
    await assert.rejects(
      sendWithRetry('ups', http, 'http://carrier.test/x', () => ({})),
      CarrierUnavailableError,
    );
    assert.equal(calls, 3);
  });

  it('fails fast when the carrier asks for a longer wait than allowed', async () => {
    let calls = 0;
    const http = resolveHttp({
      fetch: async () => (calls++, new Response('', { status: 429, headers: { 'retry-after': '120' } })),
      sleep: async () => {},
      maxDelayMs: 10_000,
    });
    const error = await sendWithRetry('ups', http, 'http://carrier.test/x', () => ({})).catch(
      (e: unknown) => e,
    );
    assert.ok(error instanceof CarrierUnavailableError);
    assert.equal(error.retryAfterMs, 120_000);
    assert.equal(calls, 1);
  });

  it('returns 4xx answers untouched for the caller to type', async () => {
    const http = resolveHttp({ fetch: async () => new Response('', { status: 404 }), sleep: async () => {} });
    assert.equal((await sendWithRetry('ups', http, 'http://carrier.test/x', () => ({}))).status, 404);
  });
});

describe('token cache', () => {
  it('reuses a token until shortly before expiry and shares one request', async () => {
    let clock = 0;
    let issued = 0;
    const cache = createTokenCache(
      async () => ({ accessToken: `t${++issued}`, expiresInSeconds: 3600 }),
      () => clock,
      60_000,
    );
    assert.deepEqual(await Promise.all([cache.get(), cache.get(), cache.get()]), ['t1', 't1', 't1']);
    clock = 3_500_000;
    assert.equal(await cache.get(), 't1');
    clock = 3_541_000;
    assert.equal(await cache.get(), 't2');
    cache.invalidate('t1');
    assert.equal(await cache.get(), 't2');
    cache.invalidate('t2');
    assert.equal(await cache.get(), 't3');
  });
});
