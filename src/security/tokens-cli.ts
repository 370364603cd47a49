import { userInfo } from 'node:os';
import { loadConfig } from '../config';
import { openDatabase } from '../db/open-database';
import { runTokensCommand } from './tokens-command';

/** Runs the tokens command against DATABASE_URL (or the PGlite store in DATA_DIR, while `npm start` is stopped). */
async function main(): Promise<void> {
  const config = loadConfig();
  const { db } = await openDatabase(config.DATABASE_URL, config.DATA_DIR);
  try {
    const outcome = await runTokensCommand(db, process.argv.slice(2), `cli:${userInfo().username}`);
    (outcome.exitCode === 0 ? console.log : console.error)(outcome.output);
    process.exitCode = outcome.exitCode;
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
