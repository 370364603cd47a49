import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createReconcileActivities } from '../../../src/intake/activities';
import type { IntakeConfigInput } from '../../../src/intake/config';
import { recordOrderSource } from '../../../src/intake/order-sources';
import { upsertReconcileSchedule } from '../../../src/intake/reconcile/schedule';
import { reconcileChannels } from '../../../src/intake/workflows/reconcile-channels';
import { createChannelSimulator } from '../../../src/simulators/channels/channel-simulator';
import { temporalBenchStarter } from '../../../bench/intake/temporal-starter';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startTemporal } from '../../support/temporal';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/channels', name), 'utf8')) as Record<
    string,
    unknown
  >;

const TASK_QUEUE = 'intake-reconcile-test';

describe('reconcileChannels on a real Temporal dev server', () => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;
  let worker: Worker;
  let running: Promise<void>;
  let closeSimulator: () => void;
  let config: IntakeConfigInput;

  before(async () => {
    [env, database] = await Promise.all([startTemporal(), createTestDatabase('ost_intake_rec')]);
    const simulator = createChannelSimulator();
    const server = simulator.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    closeSimulator = () => server.close();
    const sim = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const recent = new Date(Date.now() - 10 * 60_000).toISOString();
    const shopifyOrder = { ...fixture('shopify-orders-create.json'), created_at: recent };
    simulator.shopify.addOrder('northwind', shopifyOrder);
    simulator.shopify.addOrder('northwind', { ...shopifyOrder, id: 5829184766300 });
    simulator.shopify.addOrder('northwind', { ...shopifyOrder, id: 5829184766301, line_items: [] });
    simulator.amazon.addOrder(
      'sp-token',
      { ...(fixture('amazon-get-order.json').payload as object), PurchaseDate: recent },
      (fixture('amazon-get-order-items.json').payload as { OrderItems: unknown[] }).OrderItems,
    );
    config = {
      shopify: {
        northwind: { webhookSecret: 's', adminApiBaseUrl: `${sim}/shopify/northwind`, accessToken: 'shpat' },
      },
      amazon: { sellers: { A3TH9S8BH6GOGM: { apiBaseUrl: `${sim}/amazon`, accessToken: 'sp-token' } } },
      square: {
        broken: {
          signatureKey: 'k',
          notificationUrl: 'https://hooks.example/square',
          apiBaseUrl: 'http://127.0.0.1:9',
          accessToken: 't',
        },
      },
    };
    // The first Shopify order arrived by webhook earlier.
    await recordOrderSource(database.db, {
      orderId: 'shopify:northwind:5829184766234',
      channel: 'shopify',
      accountId: 'northwind',
      externalId: '5829184766234',
      via: 'webhook',
    });
    worker = await Worker.create({
      connection: env.nativeConnection,
      dataConverter: env.client.options.dataConverter,
      taskQueue: TASK_QUEUE,
      workflowsPath: require.resolve('../../../bench/intake/workflows'),
      activities: createReconcileActivities({
        db: database.db,
        startOrder: temporalBenchStarter(env.client, TASK_QUEUE),
        config,
      }),
    });
    running = worker.run();
  });

  after(async () => {
    worker?.shutdown();
    await running;
    closeSimulator?.();
    await database?.drop();
    await env?.teardown();
  });

  it('starts the orders whose webhooks never arrived, dead-letters broken ones, and is idempotent', async () => {
    const first = await env.client.workflow.execute(reconcileChannels, {
      taskQueue: TASK_QUEUE,
      workflowId: 'reconcile-1',
      args: [{ lookbackMinutes: 60 }],
    });
    assert.equal(first.started, 2, JSON.stringify(first));
    assert.equal(first.failedSources, 1, 'the unreachable Square account fails alone');
    const shopify = first.sources.find((s) => s.channel === 'shopify');
    assert.ok(shopify && 'deadLetters' in shopify);
    assert.deepEqual([shopify.listed, shopify.missing, shopify.started, shopify.deadLetters], [3, 2, 1, 1]);
    const description = await env.client.workflow
      .getHandle('order-amazon:A3TH9S8BH6GOGM:113-4720185-3390661')
      .describe();
    assert.equal(description.type, 'intakeBenchOrder');

    const second = await env.client.workflow.execute(reconcileChannels, {
      taskQueue: TASK_QUEUE,
      workflowId: 'reconcile-2',
      args: [{ lookbackMinutes: 60 }],
    });
    assert.equal(second.started, 0);
    const letters = await database.db.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM intake_dead_letters',
    );
    assert.equal(letters.rows[0]?.count, 1, 'the broken order stays one dead letter across runs');
    const health = await database.db.query<{
      channel: string;
      failure_streak: number;
      last_reconciled_at: Date | null;
    }>('SELECT channel, failure_streak, last_reconciled_at FROM intake_source_health ORDER BY channel');
    const square = health.rows.find((row) => row.channel === 'square');
    assert.ok(square && square.failure_streak >= 2);
    assert.ok(health.rows.find((row) => row.channel === 'shopify')?.last_reconciled_at);
  });

  it('creates the reconciliation schedule and updates it in place', async () => {
    const id = await upsertReconcileSchedule(env.client, { taskQueue: TASK_QUEUE, every: '15 minutes' });
    await upsertReconcileSchedule(env.client, {
      taskQueue: TASK_QUEUE,
      every: '5 minutes',
      input: { lookbackMinutes: 30 },
    });
    const schedule = await env.client.schedule.getHandle(id).describe();
    assert.equal(schedule.spec.intervals?.[0]?.every, 300_000);
    assert.equal(schedule.action.type, 'startWorkflow');
    await env.client.schedule.getHandle(id).delete();
  });
});
