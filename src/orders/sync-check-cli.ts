import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../config';
import { openDatabase } from '../db/open-database';
import {
  clientConnectionOptions,
  temporalDataConverter,
  temporalSettingsFromEnv,
} from '../runtime/temporal-connections';
import { checkSync } from './sync-check';

/** `npm run sync-check`: prints every read-model/workflow mismatch; exits 1 if there is any. */
async function main(): Promise<void> {
  const config = loadConfig();
  const temporal = temporalSettingsFromEnv(process.env, `127.0.0.1:${config.TEMPORAL_DEV_SERVER_PORT}`);
  const { db, description } = await openDatabase(config.DATABASE_URL, config.DATA_DIR);
  const connection = await Connection.connect(clientConnectionOptions(temporal));
  try {
    const client = new Client({
      connection,
      namespace: temporal.namespace,
      dataConverter: temporalDataConverter(temporal),
    });
    const report = await checkSync(db, client);
    for (const mismatch of report.mismatches)
      console.log(`MISMATCH ${mismatch.orderId}: ${mismatch.problem}`);
    console.log(
      `Checked ${report.workflowsChecked} order workflows against ${report.readModelRows} read-model rows ` +
        `(${description}): ${report.mismatches.length} mismatches.`,
    );
    process.exitCode = report.mismatches.length > 0 ? 1 : 0;
  } finally {
    await connection.close();
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
