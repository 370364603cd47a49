import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STRICT_PROFILE, defaultProfileFor } from '../../../src/intake/profiles/defaults';
import { generateMixedSet, isAccepted, rejectReport } from '../../fixtures/channels/mixed-set';

describe('validation profiles on a mixed fixture set', () => {
  const cases = generateMixedSet(1000);

  it('the clean fixtures of every channel pass their profile', () => {
    const clean = cases.filter((c) => c.variations.length === 0);
    for (const channel of ['shopify', 'woocommerce', 'amazon', 'square', 'rest'] as const) {
      const sample = clean.find((c) => c.channel === channel);
      assert.ok(sample, `the set has a clean ${channel} order`);
      assert.ok(isAccepted(sample, defaultProfileFor), `${channel} fixture is accepted`);
      assert.ok(
        isAccepted(sample, () => STRICT_PROFILE),
        `${channel} fixture passes even the strict reading`,
      );
    }
  });

  it('reduces false-positive rejects without accepting truly broken orders', () => {
    const before = rejectReport(cases, () => STRICT_PROFILE);
    const after = rejectReport(cases, defaultProfileFor);
    assert.ok(
      before.falsePositiveRejects > 100,
      `strict reading rejects fine orders (${before.falsePositiveRejects})`,
    );
    assert.equal(after.falsePositiveRejects, 0);
    assert.equal(before.brokenAccepted, 0);
    assert.equal(after.brokenAccepted, 0);
    assert.ok(after.rejectRate < before.rejectRate);
  });
});
