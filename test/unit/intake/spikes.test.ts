import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { impactPriority } from '../../../src/intake/dead-letters/priority';
import { BulkheadFullError, StartBulkhead } from '../../../src/intake/spikes/start-bulkhead';
import { TokenBuckets } from '../../../src/intake/spikes/token-bucket';

describe('spike control', () => {
  it('token buckets allow the burst, then refill at the rate and say when to retry', () => {
    let now = 0;
    const buckets = new TokenBuckets(
      () => ({ perSecond: 10, burst: 5 }),
      () => now,
    );
    for (let i = 0; i < 5; i += 1) assert.deepEqual(buckets.take('shopify:a'), { allowed: true });
    assert.deepEqual(buckets.take('shopify:a'), { allowed: false, retryAfterSeconds: 1 });
    assert.deepEqual(buckets.take('shopify:b'), { allowed: true }, 'accounts have their own buckets');
    now += 200;
    assert.deepEqual(buckets.take('shopify:a'), { allowed: true });
    assert.deepEqual(buckets.take('shopify:a'), { allowed: true });
    assert.equal(buckets.take('shopify:a').allowed, false);
  });

  it('the start bulkhead bounds concurrency per channel and turns away past its waiting line', async () => {
    const bulkhead = new StartBulkhead(2, 1);
    let active = 0;
    let peak = 0;
    const release: Array<() => void> = [];
    const task = () =>
      new Promise<void>((resolve) => {
        active += 1;
        peak = Math.max(peak, active);
        release.push(() => {
          active -= 1;
          resolve();
        });
      });
    const running = [
      bulkhead.run('shopify', task),
      bulkhead.run('shopify', task),
      bulkhead.run('shopify', task),
    ];
    await assert.rejects(bulkhead.run('shopify', task), BulkheadFullError);
    const other = bulkhead.run('amazon', async () => 'not blocked by shopify');
    assert.equal(await other, 'not blocked by shopify');
    while (release.length > 0 || active > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      release.shift()?.();
    }
    await Promise.all(running);
    assert.equal(peak, 2);
  });

  it('ranks dead letters by value, age, customer tier and channel', () => {
    const now = new Date('2024-06-03T12:00:00Z');
    const base = { channel: 'shopify', receivedAt: now };
    const cheap = impactPriority({ ...base, valueMinor: 1_000 }, now);
    const valuable = impactPriority({ ...base, valueMinor: 500_000 }, now);
    const old = impactPriority({ ...base, valueMinor: 1_000, placedAt: '2024-06-02T12:00:00Z' }, now);
    const vip = impactPriority({ ...base, valueMinor: 1_000, customerTier: 'VIP' }, now);
    const marketplace = impactPriority({ ...base, channel: 'amazon', valueMinor: 1_000 }, now);
    for (const higher of [valuable, old, vip, marketplace]) assert.ok(higher > cheap);
  });
});
