import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { auditDeadLetter, recordDeadLetter } from '../../../src/intake/dead-letters/store';
import { createRetentionActivities } from '../../../src/retention/activities';
import { retentionPolicySchema, type RetentionPolicy } from '../../../src/retention/policy';
import { purgeExpired } from '../../../src/retention/purge';
import { upsertPurgeSchedule } from '../../../src/retention/schedule';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { eventually } from '../../support/http';
import { startTemporal } from '../../support/temporal';

const POLICY: RetentionPolicy = retentionPolicySchema.parse({
  deadLetterDays: 30,
  unknownTrackingDays: 14,
  deliveryLogDays: 7,
  providerEventDays: 7,
  projectionFailureDays: 30,
  unmappedPreferencesDays: 7,
});

/** One row per table that is `ageDays` old; names carry `tag` so each test finds its own. */
async function seed(db: TestDatabase['db'], tag: string, ageDays: number): Promise<void> {
  const at = new Date(Date.now() - ageDays * 86_400_000);
  const id = await recordDeadLetter(db, {
    channel: 'shopify',
    accountId: `acct-${tag}`,
    stage: 'validation',
    rawBody: '{}',
    errors: [{ field: 'x', message: 'bad' }],
  });
  await auditDeadLetter(db, id, 'inspect', 'ops.alice', null);
  await db.query('UPDATE intake_dead_letters SET received_at = $2, last_seen_at = $2 WHERE id = $1', [
    id,
    at,
  ]);
  await db.query(
    `INSERT INTO carrier_unknown_tracking (carrier, tracking_number, first_seen_at, last_seen_at, event_count, last_via, last_event)
     VALUES ('ups', $1, $2, $2, 1, 'webhook', '{}')`,
    [`1Z-${tag}`, at],
  );
  await db.query(
    `INSERT INTO intake_deliveries (channel, account_id, delivery_id, outcome, received_at, updated_at)
     VALUES ('shopify', $1, 'd-1', 'accepted', $2, $2)`,
    [`acct-${tag}`, at],
  );
  await db.query(
    'INSERT INTO notification_provider_events (provider, event_id, received_at) VALUES ($1, $2, $3)',
    ['sendgrid', `ev-${tag}`, at],
  );
  await db.query(
    `INSERT INTO order_projection_failures (order_id, version, sqlstate, message, failed_at) VALUES ($1, 1, '22001', 'too long', $2)`,
    [`web:acme:${tag}`, at],
  );
  await db.query(
    `INSERT INTO notification_preferences_unmapped (customer_id, why, disabled_channels, updated_at, migrated_at)
     VALUES ($1, 'unknown', '{}', $2, $2)`,
    [`cust-${tag}`, at],
  );
}

async function rowsOf(db: TestDatabase['db'], tag: string): Promise<Record<string, number>> {
  const count = async (sql: string, value: string) =>
    Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, [value])).rows[0]?.n);
  return {
    deadLetters: await count('intake_dead_letters WHERE account_id = $1', `acct-${tag}`),
    audit: await count(
      'intake_dead_letter_audit a JOIN intake_dead_letters d ON d.id = a.dead_letter_id WHERE d.account_id = $1',
      `acct-${tag}`,
    ),
    unknownTracking: await count('carrier_unknown_tracking WHERE tracking_number = $1', `1Z-${tag}`),
    deliveryLog: await count('intake_deliveries WHERE account_id = $1', `acct-${tag}`),
    providerEvents: await count('notification_provider_events WHERE event_id = $1', `ev-${tag}`),
    projectionFailures: await count('order_projection_failures WHERE order_id = $1', `web:acme:${tag}`),
    unmappedPreferences: await count(
      'notification_preferences_unmapped WHERE customer_id = $1',
      `cust-${tag}`,
    ),
  };
}

describe('retention: a scheduled purge deletes rejected and logged input past its period', () => {
  let database: TestDatabase;
  let env: TestWorkflowEnvironment | undefined;
  before(async () => {
    database = await createTestDatabase('ost_retention');
  });
  after(async () => {
    await env?.teardown();
    await database.drop();
  });

  it('deletes each table by its own period and keeps what is younger', async () => {
    await seed(database.db, 'old', 40);
    await seed(database.db, 'mid', 10);
    await seed(database.db, 'new', 1);
    const counts = await purgeExpired(database.db, POLICY);
    assert.deepEqual(counts, {
      deadLetters: 1,
      unknownTracking: 1,
      deliveryLog: 2,
      providerEvents: 2,
      projectionFailures: 1,
      unmappedPreferences: 2,
    });
    const none = {
      deadLetters: 0,
      audit: 0,
      unknownTracking: 0,
      deliveryLog: 0,
      providerEvents: 0,
      projectionFailures: 0,
      unmappedPreferences: 0,
    };
    assert.deepEqual(await rowsOf(database.db, 'old'), none);
    assert.deepEqual(await rowsOf(database.db, 'mid'), {
      deadLetters: 1,
      audit: 1,
      unknownTracking: 1,
      deliveryLog: 0,
      providerEvents: 0,
      projectionFailures: 1,
      unmappedPreferences: 0,
    });
    const all = {
      deadLetters: 1,
      audit: 1,
      unknownTracking: 1,
      deliveryLog: 1,
      providerEvents: 1,
      projectionFailures: 1,
      unmappedPreferences: 1,
    };
    assert.deepEqual(await rowsOf(database.db, 'new'), all);
  });

  it('runs as a Temporal Schedule whose workflow calls the purge activity', async () => {
    await seed(database.db, 'scheduled', 60);
    env = await startTemporal();
    const taskQueue = 'retention-test';
    const worker = await Worker.create({
      connection: env.nativeConnection,
      dataConverter: env.client.options.dataConverter,
      taskQueue,
      workflowsPath: require.resolve('../../../src/retention/workflows/purge-expired-records'),
      activities: createRetentionActivities({ db: database.db, policy: POLICY }),
    });
    await worker.runUntil(async () => {
      const scheduleId = await upsertPurgeSchedule(env!.client, { taskQueue, scheduleId: 'retention-test' });
      await env!.client.schedule.getHandle(scheduleId).trigger();
      await eventually(
        async () => ((await rowsOf(database.db, 'scheduled')).deadLetters === 0 ? true : undefined),
        60_000,
      );
    });
    assert.deepEqual(await rowsOf(database.db, 'scheduled'), {
      deadLetters: 0,
      audit: 0,
      unknownTracking: 0,
      deliveryLog: 0,
      providerEvents: 0,
      projectionFailures: 0,
      unmappedPreferences: 0,
    });
  });
});
