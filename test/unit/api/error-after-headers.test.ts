import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import express from 'express';
import { errorHandler } from '../../../src/api/http-errors';
import type { Logger } from '../../../src/logger';

test('an error after a stream began is logged and the stream cut off, not answered a second time', async () => {
  const logged: string[] = [];
  const logger = { error: (_details: object, message: string) => logged.push(message) } as unknown as Logger;
  const thrown: unknown[] = [];
  const app = express();
  app.get('/stream', (_req, res, next) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('data: first\n\n');
    next(new Error('the feed broke'));
  });
  app.use((error: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
    try {
      errorHandler(logger)(error, req, res, next);
    } catch (caught) {
      thrown.push(caught);
    }
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/stream`;
    // Cut off: the connection closes before the answer completes (a bound, should it stay open).
    await assert.rejects(async () => (await fetch(url, { signal: AbortSignal.timeout(5_000) })).text());
    assert.deepEqual(thrown, []);
    assert.deepEqual(logged, ['request failed after its answer began']);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
