import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');

/**
 * `npm run chaos -- --quick`: the service as separate processes through the faults of the short run
 * (the order worker and the whole process group killed, Temporal and PostgreSQL restarted, providers
 * down, event storms, 30% provider faults). The command checks its own invariants and exits non-zero on any
 * failure; this test holds CI to that verdict.
 */
// Its own time limit: on a busy 2-core machine the run has taken up to 260 s of the suite's default 300 s.
test('the quick chaos run ends with every invariant held', { timeout: 600_000 }, async (t) => {
  // A cancelled test (timeout) ends the run with SIGTERM, which stops what it started.
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/chaos/main.ts', '--quick'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    signal: t.signal,
  });
  child.on('error', () => undefined);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    process.stdout.write(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  assert.equal(code, 0, 'npm run chaos -- --quick exited non-zero');
  assert.match(output, /PASS every order in its expected final state/);
  assert.match(output, /PASS read model equal to workflow state/);
  assert.match(output, /PASS no duplicate message/);
  assert.match(output, /PASS every message sent or a dead letter/);
  assert.match(output, /PASS notification delivery rate/);
  assert.doesNotMatch(output, /FAIL/);
});
