import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Database } from '../../src/db/database';
import { openDatabase } from '../../src/db/open-database';
import { connectTemporal, temporalSettingsFromEnv } from '../../src/runtime/temporal-connections';
import {
  DEFAULT_SIMULATOR_CREDENTIALS,
  startCarrierSimulator,
  type CarrierSimulator,
} from '../../src/simulators/carriers/carrier-simulator';
import { bundleCacheDirIn, workflowCodeFor } from '../../src/temporal/workflow-bundles';
import { freePort } from '../../test/support/process-fleet';
import { CHAOS_WEBHOOK_ENV } from './carrier-pushes';
import type { ChaosTargets } from './faults';
import { startChaosFleet } from './fleet';
import { CHAOS_SHOP, CHAOS_SKUS } from './order-driver';
import { startChaosPostgres } from './postgres-cluster';
import { startChaosProviders } from './providers';
import { startChaosTemporal } from './temporal-server';

/** The whole service as production runs it, and the outside world around it. */
export interface ChaosStack extends ChaosTargets {
  runDir: string;
  db: Database;
  client: Client;
  /** The operator token the warehouse's events are sent with (OPS_BOOTSTRAP_TOKEN of the service). */
  opsToken: string;
  /** Stops everything; the run's directory (logs, Temporal's file) is kept when `keepDir`. */
  stop(keepDir: boolean): Promise<void>;
}

function serviceEnv(
  runDir: string,
  urls: { database: string; temporal: string; carriers: string },
  opsToken: string,
) {
  return {
    ...process.env,
    ...CHAOS_WEBHOOK_ENV,
    OPS_BOOTSTRAP_TOKEN: opsToken,
    DATABASE_URL: urls.database,
    DATA_DIR: runDir,
    TEMPORAL_ADDRESS: urls.temporal,
    LOG_LEVEL: 'warn',
    CHAOS_LOG_DIR: runDir,
    FEDEX_API_URL: urls.carriers,
    FEDEX_CLIENT_ID: DEFAULT_SIMULATOR_CREDENTIALS.fedex.clientId,
    FEDEX_CLIENT_SECRET: DEFAULT_SIMULATOR_CREDENTIALS.fedex.clientSecret,
    UPS_API_URL: urls.carriers,
    UPS_CLIENT_ID: DEFAULT_SIMULATOR_CREDENTIALS.ups.clientId,
    UPS_CLIENT_SECRET: DEFAULT_SIMULATOR_CREDENTIALS.ups.clientSecret,
    INTAKE_CONFIG_JSON: JSON.stringify({
      shopify: { [CHAOS_SHOP.account]: { webhookSecret: CHAOS_SHOP.webhookSecret } },
    }),
  };
}

async function stockUp(db: Database): Promise<void> {
  for (const sku of CHAOS_SKUS) {
    await db.query(
      'INSERT INTO inventory (sku, on_hand) VALUES ($1, 1000000) ON CONFLICT (sku) DO UPDATE SET on_hand = 1000000',
      [sku],
    );
  }
}

export async function startChaosStack(log: (line: string) => void): Promise<ChaosStack> {
  const runDir = mkdtempSync(path.join(tmpdir(), 'ost-chaos-'));
  const [pgPort, temporalPort, apiPort] = [await freePort(), await freePort(), await freePort()];
  const postgres = await startChaosPostgres(pgPort, log);
  log(`PostgreSQL: ${postgres.description}`);
  const temporal = await startChaosTemporal(runDir, temporalPort);
  log(`Temporal dev server on ${temporal.address}, history in ${runDir}/temporal.db`);
  const { db } = await openDatabase(postgres.url, runDir);
  await stockUp(db);
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const providers = await startChaosProviders(apiUrl);
  const carriers: CarrierSimulator = await startCarrierSimulator({ host: '127.0.0.1' });
  // Every worker start finds the bundles made here, as a deployed worker finds the built ones; they
  // are kept between runs, keyed by the hash of the sources they were made from.
  const bundles = path.join(tmpdir(), 'ost-chaos-workflow-bundles');
  mkdirSync(bundles, { recursive: true });
  symlinkSync(bundles, bundleCacheDirIn(runDir));
  await workflowCodeFor('orders', bundleCacheDirIn(runDir));
  await workflowCodeFor('notifications', bundleCacheDirIn(runDir));
  const opsToken = `chaos-${randomBytes(24).toString('hex')}`;
  const env = {
    ...serviceEnv(
      runDir,
      { database: postgres.url, temporal: temporal.address, carriers: carriers.url },
      opsToken,
    ),
    ...providers.env,
  };
  const fleet = startChaosFleet(env, apiPort);
  await fleet.apiReady();
  // The services' own connection settings, so the client reads their encrypted payloads.
  const connections = await connectTemporal(temporalSettingsFromEnv(env));
  log(`service processes started (logs in ${runDir})`);
  return {
    runDir,
    db,
    client: connections.client,
    opsToken,
    fleet,
    temporal,
    postgres,
    providers,
    async stop(keepDir) {
      await fleet.stop();
      await connections.close();
      await db.close();
      await Promise.all([providers.close(), carriers.close()]);
      await temporal.stop();
      await postgres.stop(keepDir);
      if (!keepDir) rmSync(runDir, { recursive: true, force: true });
    },
  };
}
