import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { orderWorkflowBundle } from '../support/order-stack';

const HISTORIES_DIR = path.resolve(__dirname, '..', 'fixtures', 'histories');

test('saved histories of real runs replay against the current workflow code', async () => {
  const files = (await readdir(HISTORIES_DIR)).filter((file) => file.endsWith('.json'));
  assert.ok(files.length >= 3, 'histories are recorded (npm run histories:record)');
  const workflowBundle = await orderWorkflowBundle();
  for (const file of files) {
    const history = historyFromJSON(JSON.parse(await readFile(path.join(HISTORIES_DIR, file), 'utf8')));
    await assert.doesNotReject(Worker.runReplayHistory({ workflowBundle }, history), file);
  }
});
