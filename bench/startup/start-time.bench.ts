import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fmt, median } from '../support/stats';

/**
 * `npm start` from spawn to GET /readyz answering 200: cold (an empty DATA_DIR: new dev server
 * database, new PGlite, no workflow bundle) and warm (the same DATA_DIR started again), median of
 * BENCH_RUNS (default 3). Runs on its own ports so it does not meet a running `npm start`.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 23_000);
const repoRoot = path.resolve(__dirname, '..', '..');

const ports = {
  API_PORT: PORT_BASE,
  TEMPORAL_DEV_SERVER_PORT: PORT_BASE + 1,
  TEMPORAL_UI_PORT: PORT_BASE + 2,
  CARRIER_SIM_PORT: PORT_BASE + 3,
  SENDGRID_SIM_PORT: PORT_BASE + 4,
  TWILIO_SIM_PORT: PORT_BASE + 5,
  FCM_SIM_PORT: PORT_BASE + 6,
};

async function readyz(): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${ports.API_PORT}/readyz`);
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    process.kill(-child.pid!, 'SIGINT');
  });
}

/** One `npm start` on dataDir: milliseconds until ready, then a clean stop. */
async function timeStart(dataDir: string): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  for (const [name, port] of Object.entries(ports)) env[name] = String(port);
  const startedAt = Date.now();
  const child = spawn('npm', ['start'], { cwd: repoRoot, env, detached: true, stdio: 'ignore' });
  try {
    while (!(await readyz())) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      if (Date.now() - startedAt > 180_000) throw new Error('npm start was not ready within 180 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return Date.now() - startedAt;
  } finally {
    await stop(child);
  }
}

async function main(): Promise<void> {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ost-start-'));
    try {
      cold.push(await timeStart(dataDir));
      warm.push(await timeStart(dataDir));
      console.log(`run ${run + 1}: cold ${fmt(cold[run]! / 1000, 1)} s, warm ${fmt(warm[run]! / 1000, 1)} s`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  console.log(
    `npm start to ready, median of ${RUNS}: cold ${fmt(median(cold) / 1000, 1)} s, ` +
      `warm ${fmt(median(warm) / 1000, 1)} s`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
