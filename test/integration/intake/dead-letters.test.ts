import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { recordRejectedOrder } from '../../../src/intake/dead-letters/record-rejected';
import { shopifyOrderWebhook, wooOrderWebhook } from '../../../src/simulators/channels/webhooks';
import { ADMIN_CREDENTIALS } from '../../support/ops-credentials';
import { SECRETS, startHarness, type Harness } from './harness';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/channels', name), 'utf8')) as Record<
    string,
    unknown
  >;

/** The newest dead letter's ID, as ops find it (forged deliveries are not told theirs). */
async function newestLetterId(h: Harness): Promise<number> {
  const { rows } = await h.database.db.query<{ id: number }>(
    'SELECT id FROM intake_dead_letters ORDER BY id DESC LIMIT 1',
  );
  return Number(rows[0]?.id);
}

interface Letter {
  id: number;
  channel: string;
  priority: number;
  status: string;
  stage: string;
}

describe('dead letters: list by priority, inspect, correct, replay, discard', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  it('keeps a failed validation with its raw body, corrects and replays it once, audits every action', async () => {
    const order = fixture('woocommerce-order-created.json');
    const brokenOrder = { ...order, id: 9001, billing: { ...(order.billing as object), email: '' } };
    const delivery = wooOrderWebhook(brokenOrder, SECRETS.woocommerce, { deliveryId: '77001' });
    const rejected = await h.post('/intake/woocommerce/kaffee-haus', delivery.body, delivery.headers);
    assert.equal(rejected.status, 422);
    const id = rejected.json.deadLetterId as number;

    // The channel retries the same failing delivery: still one dead letter.
    const retried = await h.post('/intake/woocommerce/kaffee-haus', delivery.body, delivery.headers);
    assert.equal(retried.json.deadLetterId, id);

    const inspected = await h.ops('GET', `/dead-letters/${id}`);
    const letter = inspected.json.deadLetter as {
      body: string;
      headers: Record<string, string>;
      attempts: number;
      errors: unknown[];
    };
    assert.equal(letter.body, delivery.body, 'the raw body is kept byte for byte');
    assert.equal(letter.headers['x-wc-webhook-delivery-id'], '77001');
    assert.equal(letter.attempts, 2);
    assert.deepEqual(letter.errors, [{ field: 'customer.email', message: 'is required for this channel' }]);

    const fixed = {
      ...brokenOrder,
      billing: { ...(order.billing as object), email: 'lena.fischer@example.de' },
    };
    assert.equal(
      (await h.ops('PATCH', `/dead-letters/${id}`, { payload: fixed, reason: 'email from CRM' })).status,
      200,
    );
    const before = h.starter.calls;
    // The corrected body is not what the store signed: only an admin may vouch for it, with a reason.
    const unverified = await h.ops('POST', `/dead-letters/${id}/replay`, {});
    assert.equal(unverified.status, 401, JSON.stringify(unverified.json));
    assert.equal(h.starter.calls, before);
    const replay = await h.ops(
      'POST',
      `/dead-letters/${id}/replay`,
      { acceptUnverified: true, reason: 'email confirmed with the store' },
      ADMIN_CREDENTIALS,
    );
    assert.equal(replay.status, 200, JSON.stringify(replay.json));
    assert.equal(replay.json.orderId, 'woocommerce:kaffee-haus:9001');
    assert.equal(h.starter.calls - before, 1);
    assert.equal((await h.ops('POST', `/dead-letters/${id}/replay`, {})).status, 409);
    // The channel's own retry of that delivery is now a duplicate, not a second order.
    const late = await h.post('/intake/woocommerce/kaffee-haus', delivery.body, delivery.headers);
    assert.equal(late.status, 202);
    assert.equal(h.starter.calls - before, 1);

    const trail = (await h.ops('GET', `/dead-letters/${id}`)).json.deadLetter as {
      audit: Array<{ action: string; actor: string }>;
    };
    assert.deepEqual(
      trail.audit.map((entry) => entry.action),
      ['inspect', 'correct', 'replay', 'replay', 'inspect'],
    );
    // Named as the gate authenticated them: ops.alice's service token, and the admin bootstrap token.
    assert.deepEqual(
      trail.audit.map((entry) => entry.actor),
      ['token:ops.alice', 'token:ops.alice', 'token:ops.alice', 'bootstrap', 'token:ops.alice'],
    );
  });

  it('re-verifies a letter that failed its signature unless ops accept it unverified', async () => {
    const delivery = shopifyOrderWebhook(
      { ...fixture('shopify-orders-create.json'), id: 4242 },
      'rotated-secret',
    );
    const rejected = await h.post('/intake/shopify/northwind-outdoor', delivery.body, delivery.headers);
    assert.equal(rejected.status, 401);
    assert.equal(rejected.json.deadLetterId, undefined, 'a forged delivery is not told its letter');
    const id = await newestLetterId(h);
    const again = await h.ops('POST', `/dead-letters/${id}/replay`, {});
    assert.equal(again.status, 401);
    const accepted = await h.ops(
      'POST',
      `/dead-letters/${id}/replay`,
      { acceptUnverified: true, reason: 'confirmed with merchant' },
      ADMIN_CREDENTIALS,
    );
    assert.equal(accepted.status, 200);
    assert.equal(accepted.json.resolved, true);
  });

  it('lists open letters most urgent first and discards only with a reason', async () => {
    const cheap = { ...fixture('shopify-orders-create.json'), id: 1001, total_price: 'abc' };
    const rich = {
      ...fixture('shopify-orders-create.json'),
      id: 1002,
      total_price: '4999.00',
      line_items: [],
    };
    for (const order of [cheap, rich]) {
      const d = shopifyOrderWebhook(order, SECRETS.shopify);
      await h.post('/intake/shopify/northwind-outdoor', d.body, d.headers);
    }
    const { deadLetterId: webId } = await recordRejectedOrder(h.database.db, {
      rawBody: JSON.stringify({ channel: 'web', accountId: 'storefront', externalId: 'W-1', lines: [] }),
      errors: [{ field: 'lines', message: 'must have at least one line' }],
    });
    const list = (await h.ops('GET', '/dead-letters')).json.deadLetters as Letter[];
    assert.ok(list.some((letter) => letter.id === webId && letter.channel === 'web'));
    const priorities = list.map((letter) => letter.priority);
    assert.deepEqual(
      priorities,
      [...priorities].sort((a, b) => b - a),
    );
    const noReason = await h.ops('POST', `/dead-letters/${webId}/discard`, {});
    assert.equal(noReason.status, 400);
    assert.equal(
      (await h.ops('POST', `/dead-letters/${webId}/discard`, { reason: 'test order from QA' })).status,
      200,
    );
    const open = (await h.ops('GET', '/dead-letters')).json.deadLetters as Letter[];
    assert.ok(!open.some((letter) => letter.id === webId));
    const anonymous = await fetch(`${h.url}/ops/intake/dead-letters/${webId}`);
    assert.equal(anonymous.status, 401, 'the access gate refuses a call without credentials');
    assert.match(anonymous.headers.get('www-authenticate') ?? '', /^Bearer realm="operators"/);
  });
});
