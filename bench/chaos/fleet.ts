import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Role } from '../../test/support/process-fleet';

const SUPERVISOR = path.join(__dirname, 'supervisor.ts');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The service's processes under their supervisor, and the kills the chaos run deals them. */
export interface ChaosFleet {
  apiUrl: string;
  /** SIGKILL of one process; its supervisor starts it again. */
  kill(role: Role): Promise<void>;
  /** SIGKILL of the whole process group (supervisor and every service process), then a fresh start. */
  killGroup(): Promise<void>;
  /** Resolves when the API answers /readyz with 200. */
  apiReady(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Gone, or a zombie nobody has reaped yet (orphans of a killed group wait for init). */
function processGone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

async function waitGone(pid: number): Promise<void> {
  while (!processGone(pid)) await sleep(50);
}

export function startChaosFleet(env: NodeJS.ProcessEnv, apiPort: number): ChaosFleet {
  const pids = new Map<Role, number>();
  let supervisor: ChildProcess;
  const launch = () => {
    supervisor = spawn(process.execPath, ['--import', 'tsx', SUPERVISOR], {
      env: { ...env, API_PORT: String(apiPort) },
      detached: true,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    createInterface({ input: supervisor.stdout! }).on('line', (line) => {
      const started = JSON.parse(line) as { role: Role; pid: number };
      pids.set(started.role, started.pid);
    });
  };
  const waitForPid = async (role: Role, not?: number) => {
    for (;;) {
      const pid = pids.get(role);
      if (pid !== undefined && pid !== not) return pid;
      await sleep(50);
    }
  };
  const killGroup = async () => {
    const group = supervisor.pid!;
    const exited = new Promise((resolve) => supervisor.once('exit', resolve));
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // already gone
    }
    await exited;
    await Promise.all([...pids.values()].map(waitGone));
    pids.clear();
  };
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  process.once('exit', () => {
    try {
      process.kill(-supervisor.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  });
  launch();
  return {
    apiUrl,
    async kill(role) {
      const pid = await waitForPid(role);
      process.kill(pid, 'SIGKILL');
      await waitGone(pid);
      await waitForPid(role, pid);
    },
    async killGroup() {
      await killGroup();
      launch();
    },
    async apiReady(timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const ok = await fetch(`${apiUrl}/readyz`, { signal: AbortSignal.timeout(2000) })
          .then((response) => response.ok)
          .catch(() => false);
        if (ok) return;
        if (Date.now() > deadline) throw new Error(`the API at ${apiUrl} did not become ready`);
        await sleep(200);
      }
    },
    stop: killGroup,
  };
}
