import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ORDER_WORKFLOW_RELEASE } from '../../../src/workflows/order/contract';
import { patchCheckFor, RELEASED_PATCHES } from '../../../src/workflows/order/release';

describe('workflow releases', () => {
  it('new orders start with the newest release', () => {
    assert.equal(ORDER_WORKFLOW_RELEASE, RELEASED_PATCHES.length);
  });

  it('a released patch is in force for orders of that release without asking patched()', () => {
    // Outside a workflow patched() throws: a check that answers has not called it.
    const check = patchCheckFor(ORDER_WORKFLOW_RELEASE);
    for (const patchId of RELEASED_PATCHES.flat()) assert.equal(check(patchId), true, patchId);
  });

  it('orders without a release, and patches no release lists, ask patched()', () => {
    const [firstPatch] = RELEASED_PATCHES[0]!;
    assert.throws(() => patchCheckFor(undefined)(firstPatch!));
    assert.throws(() => patchCheckFor(0)(firstPatch!));
    assert.throws(() => patchCheckFor(ORDER_WORKFLOW_RELEASE)('a-change-of-a-later-release'));
  });

  it('each patch belongs to one release', () => {
    const all = RELEASED_PATCHES.flat();
    assert.equal(new Set(all).size, all.length);
  });
});
