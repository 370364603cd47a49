import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startDemoProviders, type DemoProviders } from '../../src/notifications/demo-providers';
import { DELIVERY_KEY_ARG } from '../../src/notifications/providers/sendgrid-email';
import { checkSync } from '../../src/orders/sync-check';
import {
  DEFAULT_SIMULATOR_CREDENTIALS,
  startCarrierSimulator,
  type CarrierSimulator,
} from '../../src/simulators/carriers/carrier-simulator';
import type { ReceivedEmail } from '../../src/simulators/sendgrid';
import { bundleCacheDirIn, workflowCodeFor } from '../../src/temporal/workflow-bundles';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { runOrder, type FleetOrder } from '../support/fleet-orders';
import { eventually, request } from '../support/http';
import { TEST_WEBHOOK_SECRETS } from '../support/order-stack';
import {
  callWithFailover,
  freePort,
  killHard,
  startProcess,
  stopGracefully,
  type FleetProcess,
} from '../support/process-fleet';
import { startTemporal } from '../support/temporal';

const ORDERS = 30;
const IN_FLIGHT = 6;
/** One process of each role is SIGKILLed once this many orders have shipped. */
const KILL_AFTER_SHIPPED = 10;

/**
 * More than one machine: two APIs, two order workers and two notification workers, sharing only
 * Temporal and PostgreSQL. Orders go through to delivered with warehouse events and carrier
 * webhooks spread over both APIs; one process of each kind is killed (SIGKILL) mid-run.
 */
describe('two of each process, one of each killed mid-run', () => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;
  let carriers: CarrierSimulator;
  let providers: DemoProviders;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ost-fleet-'));
  const fleet: FleetProcess[] = [];
  const apiUrls: string[] = [];

  before(async () => {
    [env, database, carriers] = await Promise.all([
      startTemporal(),
      createTestDatabase('ost_fleet'),
      startCarrierSimulator({ host: '127.0.0.1' }),
    ]);
    const ports = [await freePort(), await freePort()];
    apiUrls.push(...ports.map((port) => `http://127.0.0.1:${port}`));
    providers = await startDemoProviders(apiUrls[0]!);
    // Both workers of a kind find the bundle made here, as they would find the built one.
    await workflowCodeFor('orders', bundleCacheDirIn(dataDir));
    await workflowCodeFor('notifications', bundleCacheDirIn(dataDir));
    const childEnv = {
      ...process.env,
      ...providers.env,
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      TEMPORAL_ADDRESS: env.address,
      LOG_LEVEL: 'error',
      FEDEX_API_URL: carriers.url,
      FEDEX_CLIENT_ID: DEFAULT_SIMULATOR_CREDENTIALS.fedex.clientId,
      FEDEX_CLIENT_SECRET: DEFAULT_SIMULATOR_CREDENTIALS.fedex.clientSecret,
      FEDEX_WEBHOOK_SECRET: TEST_WEBHOOK_SECRETS.fedex.securityToken,
      UPS_API_URL: carriers.url,
      UPS_CLIENT_ID: DEFAULT_SIMULATOR_CREDENTIALS.ups.clientId,
      UPS_CLIENT_SECRET: DEFAULT_SIMULATOR_CREDENTIALS.ups.clientSecret,
    };
    for (const index of [0, 1]) {
      fleet.push(
        startProcess('api', index, childEnv, ports[index]),
        startProcess('orderWorker', index, childEnv),
        startProcess('notificationWorker', index, childEnv),
      );
    }
    for (const url of apiUrls) {
      await eventually(
        async () => ((await request(url, 'GET', '/readyz')).status === 200 ? true : undefined),
        120_000,
      );
    }
  });

  after(async () => {
    await Promise.all(fleet.map(stopGracefully));
    await providers?.close();
    await carriers?.close();
    await env?.teardown();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const apis = () => apiUrls;
  let killedAt = 0;
  let shipped = 0;
  async function killOneOfEachOnce(): Promise<void> {
    shipped += 1;
    if (shipped !== KILL_AFTER_SHIPPED) return;
    killedAt = shipped;
    const victims = [
      fleet.find((p) => p.role === 'api' && p.index === 1)!,
      fleet.find((p) => p.role === 'orderWorker' && p.index === 0)!,
      fleet.find((p) => p.role === 'notificationWorker' && p.index === 0)!,
    ];
    await Promise.all(victims.map(killHard));
  }

  test('every order is delivered, the read model is in sync, no message is sent twice', async () => {
    const stock = await callWithFailover(apis(), 0, '/inventory/SKU-MUG', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ onHand: ORDERS * 2 }),
    });
    assert.equal(stock.status, 200);
    const orders: FleetOrder[] = [];
    for (let start = 0; start < ORDERS; start += IN_FLIGHT) {
      const batch = Array.from({ length: Math.min(IN_FLIGHT, ORDERS - start) }, (_, k) => start + k);
      orders.push(...(await Promise.all(batch.map((i) => runOrder(apis, 'FLEET', i, killOneOfEachOnce)))));
    }
    assert.equal(killedAt, KILL_AFTER_SHIPPED, 'one process of each kind was killed mid-run');
    assert.equal(orders.length, ORDERS);
    const answered = new Set(orders.flatMap((order) => order.answeredBy));
    assert.deepEqual([...answered].sort(), [...apiUrls].sort(), 'both APIs took calls');

    const report = await checkSync(database.db, env.client, { settleMs: 1000, rechecks: 10 });
    assert.deepEqual(report.mismatches, []);
    assert.equal(report.workflowsChecked, ORDERS);

    const milestones = [/is confirmed/, /has shipped/, /was delivered/];
    const subjectsOf = (received: ReceivedEmail[], order: FleetOrder) =>
      received.filter((email) => email.to.includes(order.email)).map((email) => email.subject);
    // A notice the killed notification worker had taken waits out its outbox lease before it goes.
    const emails = await eventually(async () => {
      const { body } = await request<{ received: ReceivedEmail[] }>(
        providers.urls.sendgrid!,
        'GET',
        '/_sim/received',
      );
      const complete = orders.every((order) =>
        milestones.every((milestone) => subjectsOf(body.received, order).some((s) => milestone.test(s))),
      );
      return complete ? body.received : undefined;
    }, 180_000);
    const keys = emails.map((email) => email.customArgs[DELIVERY_KEY_ARG]);
    assert.equal(new Set(keys).size, keys.length, 'every delivery key reached SendGrid once');
    for (const order of orders) {
      const subjects = subjectsOf(emails, order);
      for (const milestone of milestones) {
        assert.equal(
          subjects.filter((subject) => milestone.test(subject)).length,
          1,
          `${order.email} ${milestone}`,
        );
      }
    }
  });
});
