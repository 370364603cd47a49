import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { defaultCredentials } from './ops-credentials';

const repoRoot = path.resolve(__dirname, '..', '..');

/** The service's processes as docker-compose runs them, by their source entry points (run with tsx). */
export const ENTRY_POINTS = {
  api: 'src/api/server.ts',
  orderWorker: 'src/worker/main.ts',
  notificationWorker: 'src/notifications/worker.ts',
} as const;
export type Role = keyof typeof ENTRY_POINTS;

export interface FleetProcess {
  role: Role;
  index: number;
  child: ChildProcess;
  /** The API's base URL; unset for workers. */
  url?: string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts one process of a role with the shared environment (an API gets its own port). */
export function startProcess(
  role: Role,
  index: number,
  env: NodeJS.ProcessEnv,
  apiPort?: number,
): FleetProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY_POINTS[role]], {
    cwd: repoRoot,
    env: apiPort ? { ...env, API_PORT: String(apiPort) } : env,
    stdio: 'inherit',
  });
  return { role, index, child, ...(apiPort ? { url: `http://127.0.0.1:${apiPort}` } : {}) };
}

/** SIGKILL: no shutdown hooks, no worker drain, connections cut as a crashed machine cuts them. */
export function killHard(process: FleetProcess): Promise<void> {
  return new Promise((resolve) => {
    if (process.child.exitCode !== null || process.child.signalCode !== null) return resolve();
    process.child.once('exit', () => resolve());
    process.child.kill('SIGKILL');
  });
}

export function stopGracefully(process: FleetProcess): Promise<void> {
  return new Promise((resolve) => {
    if (process.child.exitCode !== null || process.child.signalCode !== null) return resolve();
    process.child.once('exit', () => resolve());
    process.child.kill('SIGTERM');
  });
}

export interface CallResult {
  status: number;
  body: Record<string, unknown>;
  /** Which API answered. */
  url: string;
}

/**
 * What a load balancer and a retrying client do together: sends to `urls[first]`, and on a refused
 * connection, a timeout or a 5xx, to the next API, until `deadlineMs` passes.
 */
export async function callWithFailover(
  urls: string[],
  first: number,
  route: string,
  init: { method: string; headers?: Record<string, string>; body?: string },
  deadlineMs = 90_000,
): Promise<CallResult> {
  const deadline = Date.now() + deadlineMs;
  let last = '';
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    const url = urls[(first + attempt) % urls.length]!;
    try {
      const named = Object.keys(init.headers ?? {}).some((name) => name.toLowerCase() === 'authorization');
      const credentials = named ? {} : await defaultCredentials(url, init.method, route, init.body);
      const headers = { ...credentials, ...init.headers };
      const response = await fetch(`${url}${route}`, {
        ...init,
        headers,
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      if (response.status < 500) return { status: response.status, body, url };
      last = `${url} answered ${response.status}: ${text.slice(0, 200)}`;
    } catch (error) {
      last = `${url}: ${String(error)}`;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${init.method} ${route} failed on every API: ${last}`);
}
