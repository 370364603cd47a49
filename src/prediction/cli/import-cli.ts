import { loadConfig } from '../../config';
import { openDatabase } from '../../db/open-database';
import { recordDeliveredShipments } from '../history/history-store';
import { readScmsFile } from '../scms/read-scms-file';
import { parseCliArgs, runCli } from './cli-args';

/** Loads an SCMS delivery-history CSV into the shipment history (DATABASE_URL, or the local PGlite). */
async function main(): Promise<void> {
  const [file] = parseCliArgs(process.argv.slice(2)).positional;
  if (!file) throw new Error('usage: npm run predict:import -- <csv>');
  const config = loadConfig();
  const { db, description } = await openDatabase(config.DATABASE_URL, config.DATA_DIR);
  try {
    const scms = await readScmsFile(file);
    const inserted = await recordDeliveredShipments(db, scms.records);
    const result = {
      file,
      database: description,
      rows: scms.rows,
      inserted,
      alreadyThere: scms.records.length - inserted,
      skipped: scms.skipped,
    };
    console.log(JSON.stringify(result));
  } finally {
    await db.close();
  }
}

runCli(main);
