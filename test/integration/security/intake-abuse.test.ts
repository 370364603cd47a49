import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { issueChannelApiKey } from '../../../src/intake/api-keys';
import { registry } from '../../../src/observability/metrics';
import { shopifyOrderWebhook, wooOrderWebhook } from '../../../src/simulators/channels/webhooks';
import { ADMIN_CREDENTIALS, operatorCredentials } from '../../support/ops-credentials';
import { SECRETS, startHarness, type Harness } from '../intake/harness';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/channels', name), 'utf8')) as Record<
    string,
    unknown
  >;

async function count(h: Harness, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await h.database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return rows[0]?.n ?? 0;
}

async function refusedCount(reason: string): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find(
    (m) => m.name === 'intake_dead_letters_refused_total',
  );
  const values = (metric?.values ?? []) as Array<{ value: number; labels: Record<string, string> }>;
  return values.filter((v) => v.labels.reason === reason).reduce((sum, v) => sum + v.value, 0);
}

describe('abuse bounds at the channel doors', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      // Tight buckets where the tests count requests (the unknown shops would exceed them if they had one).
      rateLimits: {
        default: { perSecond: 100_000, burst: 100_000 },
        channels: { shopify: { perSecond: 0.001, burst: 3 }, rest: { perSecond: 0.001, burst: 3 } },
      },
      deadLetters: {
        maxOpenPerAccount: 1000,
        maxUnverifiedPerAccount: 2,
        maxOpenTotal: 100_000,
        maxStoredBodyBytes: 2048,
      },
    });
  });
  after(async () => {
    await h.close();
  });

  it('answers an unknown account exactly like a forged delivery, storing nothing and taking no bucket', async () => {
    const order = { ...fixture('shopify-orders-create.json'), id: 5101 };
    const forged = shopifyOrderWebhook(order, 'not-the-secret');
    const before = await count(h, 'intake_dead_letters');
    const known = await h.post('/intake/shopify/northwind-outdoor', forged.body, forged.headers);
    assert.equal(known.status, 401);
    assert.equal(await count(h, 'intake_dead_letters'), before + 1, 'a forged delivery to our shop is kept');

    const tablesBefore = await Promise.all(
      ['intake_dead_letters', 'intake_source_health', 'intake_deliveries'].map((t) => count(h, t)),
    );
    // Five posts to a made-up shop: more than the burst of 3, yet none is rate-limited (no bucket).
    for (let i = 0; i < 5; i += 1) {
      const unknown = await h.post(`/intake/shopify/made-up-shop-${i % 2}`, forged.body, forged.headers);
      assert.equal(unknown.status, 401);
      assert.deepEqual(unknown.json, known.json, 'the answer does not reveal whether the shop exists');
    }
    const rest = await h.post('/intake/rest/no-such-portal', '{}', {
      'content-type': 'application/json',
      authorization: 'Bearer nope',
    });
    assert.equal(rest.status, 401);
    const tablesAfter = await Promise.all(
      ['intake_dead_letters', 'intake_source_health', 'intake_deliveries'].map((t) => count(h, t)),
    );
    assert.deepEqual(tablesAfter, tablesBefore, 'no row for an account we do not have');
  });

  it('stores nothing for an Amazon notification naming a seller we do not have', async () => {
    const before = await count(h, 'intake_dead_letters');
    const body = JSON.stringify({
      NotificationType: 'ORDER_CHANGE',
      Payload: {
        OrderChangeNotification: { SellerId: 'A0UNKNOWNSELLER', AmazonOrderId: '111-0000000-0000001' },
      },
      NotificationMetadata: { NotificationId: 'n-unknown-seller' },
    });
    const response = await h.post('/intake/amazon/notifications', body, {
      'content-type': 'application/json',
      authorization: `Bearer ${SECRETS.amazonToken}`,
    });
    assert.equal(response.status, 401);
    assert.equal(response.json.deadLetterId, undefined);
    assert.equal(await count(h, 'intake_dead_letters'), before);
    assert.equal(await count(h, 'intake_source_health WHERE account_id = $1', ['A0UNKNOWNSELLER']), 0);
  });

  it('keeps at most the unverified quota of forged letters per account and counts the refused ones', async () => {
    const order = { ...fixture('woocommerce-order-created.json'), id: 5201 };
    const refusedBefore = await refusedCount('account_quota');
    const letters = () =>
      count(
        h,
        `intake_dead_letters WHERE channel = 'woocommerce' AND account_id = 'kaffee-haus' AND NOT verified`,
      );
    for (let i = 0; i < 3; i += 1) {
      const forged = wooOrderWebhook({ ...order, id: 5201 + i }, 'not-the-secret');
      const response = await h.post('/intake/woocommerce/kaffee-haus', forged.body, forged.headers);
      assert.equal(response.status, 401);
      assert.equal(response.json.deadLetterId, undefined, 'a forged delivery is never told an ID');
    }
    assert.equal(await letters(), 2);
    assert.equal((await refusedCount('account_quota')) - refusedBefore, 1);
  });

  it('keeps only a prefix of a body over the cap and refuses to replay it until corrected', async () => {
    const order = fixture('shopify-orders-create.json');
    const huge = { ...order, id: 5301, total_price: 'abc', note: 'x'.repeat(5000) };
    const delivery = shopifyOrderWebhook(huge, SECRETS.shopify);
    const rejected = await h.post('/intake/shopify/northwind-outdoor', delivery.body, delivery.headers);
    assert.ok([400, 422].includes(rejected.status), JSON.stringify(rejected.json));
    const id = rejected.json.deadLetterId as number;
    const { rows } = await h.database.db.query<{ n: number; truncated: boolean; bytes: number }>(
      'SELECT length(raw_body) AS n, body_truncated AS truncated, body_bytes AS bytes FROM intake_dead_letters WHERE id = $1',
      [id],
    );
    assert.deepEqual(rows[0], { n: 2048, truncated: true, bytes: Buffer.byteLength(delivery.body) });
    const replay = await h.ops('POST', `/dead-letters/${id}/replay`, {});
    assert.equal(replay.status, 409);
    assert.equal(replay.json.code, 'body_truncated');
  });

  it('takes a corrected letter as unverified: accepting it needs an admin with a reason, audited', async () => {
    const order = fixture('woocommerce-order-created.json');
    const broken = { ...order, id: 5401, billing: { ...(order.billing as object), email: '' } };
    const delivery = wooOrderWebhook(broken, SECRETS.woocommerce, { deliveryId: '95401' });
    const rejected = await h.post('/intake/woocommerce/kaffee-haus', delivery.body, delivery.headers);
    assert.equal(rejected.status, 422);
    const id = rejected.json.deadLetterId as number;
    const fixed = { ...broken, billing: { ...(order.billing as object), email: 'kunde@example.de' } };
    assert.equal((await h.ops('PATCH', `/dead-letters/${id}`, { payload: fixed })).status, 200);
    const inspected = (await h.ops('GET', `/dead-letters/${id}`)).json.deadLetter as { verified: boolean };
    assert.equal(inspected.verified, false, 'the corrected body is not what the store signed');

    const startsBefore = h.starter.calls;
    const plain = await h.ops('POST', `/dead-letters/${id}/replay`, {});
    assert.equal(plain.status, 401, 'verified again, and the signature no longer matches');
    const notAdmin = await h.ops('POST', `/dead-letters/${id}/replay`, {
      acceptUnverified: true,
      reason: 'checked with the store',
    });
    assert.equal(notAdmin.status, 403);
    const noReason = await h.ops(
      'POST',
      `/dead-letters/${id}/replay`,
      { acceptUnverified: true },
      ADMIN_CREDENTIALS,
    );
    assert.equal(noReason.status, 400);
    assert.deepEqual(
      (noReason.json.errors as Array<{ field: string }>).map((e) => e.field),
      ['reason'],
    );
    assert.equal(h.starter.calls, startsBefore);

    const accepted = await h.ops(
      'POST',
      `/dead-letters/${id}/replay`,
      { acceptUnverified: true, reason: 'checked with the store' },
      await operatorCredentials(h.database.db, 'admin.bob', ['admin']),
    );
    assert.equal(accepted.status, 200, JSON.stringify(accepted.json));
    assert.equal(h.starter.calls, startsBefore + 1);
    const audit = (await h.ops('GET', `/dead-letters/${id}`)).json.deadLetter as {
      audit: Array<{
        action: string;
        actor: string;
        reason: string | null;
        details: Record<string, unknown>;
      }>;
    };
    const last = audit.audit.filter((entry) => entry.action === 'replay').at(-1);
    assert.equal(last?.actor, 'token:admin.bob');
    assert.equal(last?.reason, 'checked with the store');
    assert.equal(last?.details.acceptUnverified, true);
  });

  it('rate-limits a REST account that exists, with Retry-After; a wrong key is refused at the gate first', async () => {
    const { apiKey } = await issueChannelApiKey(h.database.db, 'limited-portal');
    const send = (authorization: string) =>
      h.post('/intake/rest/limited-portal', '{}', { 'content-type': 'application/json', authorization });
    for (let i = 0; i < 5; i += 1) {
      const refused = await send('Bearer wrong');
      assert.equal(refused.status, 401, 'the access gate refuses a key that is not the account’s');
    }
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i += 1) {
      const response = await send(`Bearer ${apiKey}`);
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    assert.deepEqual(statuses, [400, 400, 400, 429, 429], 'the refused calls took nothing from the bucket');
    assert.ok(Number(retryAfter) >= 1);
  });
});
