import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startDemoProviders, type DemoProviders } from '../../src/notifications/demo-providers';
import {
  DEFAULT_SIMULATOR_CREDENTIALS,
  startCarrierSimulator,
  type CarrierSimulator,
} from '../../src/simulators/carriers/carrier-simulator';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { eventually, orderPath, request } from '../support/http';
import { sampleOrder } from '../support/orders';
import { startTemporal } from '../support/temporal';

const repoRoot = path.resolve(__dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The production shape: the API, the order worker and the notification worker as three processes
 * (their docker-compose entrypoints) sharing only Temporal and PostgreSQL.
 */
describe('API, order worker and notification worker as separate processes', () => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;
  let carriers: CarrierSimulator;
  let providers: DemoProviders;
  let apiUrl: string;
  const processes: ChildProcess[] = [];

  before(async () => {
    [env, database, carriers] = await Promise.all([
      startTemporal(),
      createTestDatabase('ost_procs'),
      startCarrierSimulator({ host: '127.0.0.1' }),
    ]);
    const apiPort = await freePort();
    apiUrl = `http://127.0.0.1:${apiPort}`;
    providers = await startDemoProviders(apiUrl);
    const childEnv = {
      ...process.env,
      ...providers.env,
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: env.address,
      API_PORT: String(apiPort),
      LOG_LEVEL: 'warn',
      FEDEX_API_URL: carriers.url,
      FEDEX_CLIENT_ID: DEFAULT_SIMULATOR_CREDENTIALS.fedex.clientId,
      FEDEX_CLIENT_SECRET: DEFAULT_SIMULATOR_CREDENTIALS.fedex.clientSecret,
      UPS_API_URL: carriers.url,
      UPS_CLIENT_ID: DEFAULT_SIMULATOR_CREDENTIALS.ups.clientId,
      UPS_CLIENT_SECRET: DEFAULT_SIMULATOR_CREDENTIALS.ups.clientSecret,
    };
    for (const entry of ['src/api/server.ts', 'src/worker/main.ts', 'src/notifications/worker.ts']) {
      const child = spawn(process.execPath, ['--import', 'tsx', entry], {
        cwd: repoRoot,
        env: childEnv,
        stdio: 'inherit',
      });
      processes.push(child);
    }
    await eventually(
      async () => ((await request(apiUrl, 'GET', '/readyz')).status === 200 ? true : undefined),
      60_000,
    );
  });

  after(async () => {
    await Promise.all(
      processes.map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null) return resolve(undefined);
            child.once('exit', resolve);
            child.kill('SIGTERM');
          }),
      ),
    );
    await providers?.close();
    await carriers?.close();
    await env?.teardown();
    await database?.drop();
  });

  test('an order placed on the API is reserved by the worker process and confirmed by email', async () => {
    await request(apiUrl, 'PUT', '/inventory/SKU-MUG', { onHand: 3 });
    const customer = { id: 'proc-1', name: 'Lin', email: 'lin@example.com', locale: 'en', timeZone: 'UTC' };
    const created = await request(apiUrl, 'POST', '/orders', sampleOrder({ externalId: 'PROC-1', customer }));
    assert.equal(created.status, 201);
    const orderId = created.body.orderId as string;
    await eventually(
      async () =>
        (await request(apiUrl, 'GET', orderPath(orderId))).body.status === 'reserved' ? true : undefined,
      60_000,
    );
    const email = await eventually(async () => {
      const { body } = await request<{ received: { to: string[]; subject: string }[] }>(
        providers.urls.sendgrid ?? '',
        'GET',
        '/_sim/received',
      );
      return body.received.find((item) => item.to.includes(customer.email));
    }, 60_000);
    assert.match(email.subject, /confirmed/i);
  });
});
