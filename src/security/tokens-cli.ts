import { userInfo } from 'node:os';
import { loadConfig } from '../config';
import { openDatabase } from '../db/open-database';
import { customerSearchIdCommand, runTokensCommand, type CommandOutcome } from './tokens-command';

function report(outcome: CommandOutcome): void {
  (outcome.exitCode === 0 ? console.log : console.error)(outcome.output);
  process.exitCode = outcome.exitCode;
}

/** Runs the tokens command against DATABASE_URL (or the PGlite store in DATA_DIR, while `npm start` is stopped). */
async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'customer-search-id') return report(customerSearchIdCommand(args));
  const config = loadConfig();
  const { db } = await openDatabase(config.DATABASE_URL, config.DATA_DIR);
  try {
    report(await runTokensCommand(db, process.argv.slice(2), `cli:${userInfo().username}`));
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
