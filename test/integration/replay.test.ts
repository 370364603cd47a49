import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { orderWorkflowBundle } from '../support/order-stack';
import { recordedReleases } from '../support/histories';
import { testDataConverter } from '../support/temporal';

/**
 * Histories recorded from every release (test/fixtures/histories/<version>/, `npm run
 * histories:record` for the current one) replay against the current workflow code: a change that
 * would break orders still running on an earlier release fails here, before it is deployed.
 */
describe('saved histories of every release replay against the current workflow code', async () => {
  const releases = await recordedReleases();
  let workflowBundle: { code: string };
  before(async () => {
    workflowBundle = await orderWorkflowBundle();
  });

  test('histories are recorded', () => {
    assert.ok(releases.length >= 1, 'at least one release folder');
    for (const { release, files } of releases)
      assert.ok(files.length >= 3, `${release}: at least 3 histories`);
  });

  for (const { release, files } of releases) {
    test(`release ${release}: ${files.map((file) => path.basename(file, '.json')).join(', ')}`, async () => {
      for (const file of files) {
        const history = historyFromJSON(JSON.parse(await readFile(file, 'utf8')));
        await assert.doesNotReject(
          Worker.runReplayHistory({ workflowBundle, dataConverter: testDataConverter }, history),
          `${release}/${file}`,
        );
      }
    });
  }
});
