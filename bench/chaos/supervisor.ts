/**
 * The process manager of a chaos run (what systemd or a container runtime is in production): starts
 * the API, the order worker and the notification worker, and starts again whichever dies. It leads
 * its own process group, so one kill of that group takes every service process down at once.
 * Prints one JSON line per start: {"role", "pid"}.
 */
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import path from 'node:path';
import { ENTRY_POINTS, type Role } from '../../test/support/process-fleet';

const repoRoot = path.resolve(__dirname, '..', '..');
const logDir = process.env.CHAOS_LOG_DIR ?? repoRoot;
const restartDelayMs = Number(process.env.CHAOS_RESTART_DELAY_MS ?? 500);
const parent = process.ppid;

function run(role: Role): void {
  const log = openSync(path.join(logDir, `${role}.log`), 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY_POINTS[role]], {
    cwd: repoRoot,
    env: process.env,
    stdio: ['ignore', log, log],
  });
  process.stdout.write(`${JSON.stringify({ role, pid: child.pid })}\n`);
  child.once('exit', () => setTimeout(() => run(role), restartDelayMs));
}

for (const role of Object.keys(ENTRY_POINTS) as Role[]) run(role);

// The chaos command gone (even by SIGKILL): take the whole group down rather than leave it running.
setInterval(() => {
  if (process.ppid !== parent) process.kill(-process.pid, 'SIGKILL');
}, 1000);
