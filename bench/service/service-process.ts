import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { connectPostgres } from '../../src/db/postgres';
import type { Database } from '../../src/db/database';
import { pidCpuMs, postgresCpuMs, processCpuMs } from '../support/cpu';
import { TEST_WEBHOOK_SECRETS } from '../../test/support/order-stack';
// Sets OPS_BOOTSTRAP_TOKEN, which the service started here inherits, to the token the benchmark sends.
import { defaultCredentials } from '../../test/support/ops-credentials';

// BENCH_SERVICE_DIR runs the service from another checkout of this repository (its own node_modules).
const serviceRoot = process.env.BENCH_SERVICE_DIR ?? path.resolve(__dirname, '..', '..');

/** The Node options `npm start` gives src/main.ts (package.json), before the caller's own. */
const SERVICE_NODE_ARGS = ['--max-old-space-size=1024'];

export interface ServicePorts {
  API_PORT: number;
  TEMPORAL_DEV_SERVER_PORT: number;
  TEMPORAL_UI_PORT: number;
  CARRIER_SIM_PORT: number;
  SENDGRID_SIM_PORT: number;
  TWILIO_SIM_PORT: number;
  FCM_SIM_PORT: number;
}

/** The service as `npm start` runs it, plus the handles the benchmark measures it with. */
export interface RunningService {
  baseUrl: string;
  carrierSimulatorUrl: string;
  db: Database;
  client: Client;
  nativeConnection: NativeConnection;
  /** The process running the API and both workers. */
  pid: number;
  /** Resident set of the process running the API and both workers, in bytes. */
  rssBytes(): number;
  /** CPU used so far (ms) by that process, by its Temporal dev server and by PostgreSQL. */
  cpu(): StackCpu;
  stop(): Promise<void>;
}

export interface StackCpu {
  serviceMs: number;
  temporalMs: number;
  postgresMs: number;
}

/** CPU each part of the stack used between two readings, in ms. */
export const cpuBetween = (before: StackCpu, after: StackCpu): StackCpu => ({
  serviceMs: after.serviceMs - before.serviceMs,
  temporalMs: after.temporalMs - before.temporalMs,
  postgresMs: after.postgresMs - before.postgresMs,
});

export function servicePorts(base: number): ServicePorts {
  return {
    API_PORT: base,
    TEMPORAL_DEV_SERVER_PORT: base + 1,
    TEMPORAL_UI_PORT: base + 2,
    CARRIER_SIM_PORT: base + 3,
    SENDGRID_SIM_PORT: base + 4,
    TWILIO_SIM_PORT: base + 5,
    FCM_SIM_PORT: base + 6,
  };
}

async function recreateDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function ready(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/readyz`);
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    process.kill(-child.pid!, 'SIGINT');
  });
}

/**
 * Starts src/main.ts the way `npm start` does (its own dev server on a SQLite file with WAL and
 * synchronous=normal, the carrier and provider simulators, both workers, the API) on PostgreSQL in a
 * database of its own. The carrier simulator does not step shipments by itself: the benchmark pushes
 * every scan, signed with the secrets given here.
 */
export async function startService(options: {
  portBase: number;
  adminUrl: string;
  databaseName: string;
  /** Node options for the service process (the memory profile's --heapsnapshot-signal). */
  nodeArgs?: string[];
  /** Environment set on top of the benchmark's own (ORDER_WORKER_MAX_CACHED_WORKFLOWS…). */
  env?: NodeJS.ProcessEnv;
}): Promise<RunningService> {
  const ports = servicePorts(options.portBase);
  const databaseUrl = await recreateDatabase(options.adminUrl, options.databaseName);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ost-service-bench-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    CARRIER_SIM_STEP_INTERVAL_MS: '0',
    CARRIER_SIM_SCENARIO: 'normal_delivery',
    FEDEX_WEBHOOK_SECRET: TEST_WEBHOOK_SECRETS.fedex.securityToken,
    UPS_WEBHOOK_CLIENT_ID: TEST_WEBHOOK_SECRETS.ups.clientId,
    UPS_WEBHOOK_CLIENT_SECRET: TEST_WEBHOOK_SECRETS.ups.clientSecret,
    EASYPOST_WEBHOOK_SECRET: TEST_WEBHOOK_SECRETS.easypost.webhookSecret,
    AFTERSHIP_WEBHOOK_SECRET: TEST_WEBHOOK_SECRETS.aftership.webhookSecret,
    ...options.env,
  };
  for (const [name, port] of Object.entries(ports)) env[name] = String(port);
  const child = spawn(
    process.execPath,
    [...SERVICE_NODE_ARGS, ...(options.nodeArgs ?? []), '--import', 'tsx', 'src/main.ts'],
    {
      cwd: serviceRoot,
      env,
      detached: true,
      // The service's own log (LOG_LEVEL=warn) goes to BENCH_SERVICE_LOG when set.
      stdio: [
        'ignore',
        process.env.BENCH_SERVICE_LOG ? openSync(process.env.BENCH_SERVICE_LOG, 'w') : 'ignore',
        'inherit',
      ],
    },
  );
  const baseUrl = `http://127.0.0.1:${ports.API_PORT}`;
  const startedAt = Date.now();
  while (!(await ready(baseUrl))) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    if (Date.now() - startedAt > 240_000) throw new Error('the service was not ready within 240 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const address = `127.0.0.1:${ports.TEMPORAL_DEV_SERVER_PORT}`;
  const connection = await Connection.connect({ address });
  const nativeConnection = await NativeConnection.connect({ address });
  const db = connectPostgres(databaseUrl, 4);
  return {
    baseUrl,
    carrierSimulatorUrl: `http://127.0.0.1:${ports.CARRIER_SIM_PORT}`,
    db,
    client: new Client({ connection }),
    nativeConnection,
    pid: child.pid!,
    rssBytes: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
      return kb ? Number(kb) * 1024 : Number.NaN;
    },
    cpu: () => ({
      serviceMs: pidCpuMs(child.pid!),
      // The dev server's command line names its database file in the data directory.
      temporalMs: processCpuMs(dataDir),
      postgresMs: postgresCpuMs(),
    }),
    async stop() {
      await db.close();
      await connection.close();
      await nativeConnection.close();
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Puts `units` of `sku` on hand in the running service, as an operator would. */
export async function stockUp(baseUrl: string, sku: string, units: number): Promise<void> {
  const route = `/inventory/${sku}`;
  const response = await fetch(`${baseUrl}${route}`, {
    method: 'PUT',
    headers: {
      'content-type': 'application/json',
      ...(await defaultCredentials(baseUrl, 'PUT', route, undefined)),
    },
    body: JSON.stringify({ onHand: units }),
  });
  if (!response.ok) throw new Error(`PUT ${route} answered ${response.status}`);
}
