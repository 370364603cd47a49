import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import express, { Router } from 'express';
import { httpTelemetry } from '../../../src/observability/http-telemetry';
import { webhookOutcomes } from '../../../src/observability/webhook-metrics';
import { httpRequestsTotal, webhookOutcomesTotal } from '../../../src/observability/metrics';

async function count(
  metric: typeof httpRequestsTotal | typeof webhookOutcomesTotal,
  labels: Record<string, string>,
) {
  const { values } = await metric.get();
  const match = values.find((value) =>
    Object.entries(labels).every(([k, v]) => (value.labels as Record<string, unknown>)[k] === v),
  );
  return match?.value ?? 0;
}

test('requests are counted by the express route pattern, webhooks by sender and outcome', async () => {
  const app = express();
  app.use(httpTelemetry());
  app.use('/webhooks', webhookOutcomes());
  const ops = Router();
  ops.get('/orders/:orderId', (_req, res) => void res.json({ ok: true }));
  app.use('/ops', ops);
  app.post('/webhooks/fedex', (_req, res) => void res.status(401).end());
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await fetch(`${base}/ops/orders/web%3Aacme%3A1`);
    await fetch(`${base}/ops/orders/web%3Aacme%3A2`);
    await fetch(`${base}/nowhere`);
    await fetch(`${base}/webhooks/fedex`, { method: 'POST' });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(await count(httpRequestsTotal, { route: '/ops/orders/:orderId', status: '200' }), 2);
    assert.equal(await count(httpRequestsTotal, { route: 'unmatched', status: '404' }), 1);
    assert.equal(
      await count(webhookOutcomesTotal, { kind: 'carrier', source: 'fedex', outcome: 'unauthorized' }),
      1,
    );
  } finally {
    server.close();
  }
});
