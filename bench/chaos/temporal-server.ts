import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { resolveTemporalCli } from '../../src/temporal/cli';
import { ORDER_SEARCH_ATTRIBUTES } from '../../src/workflows/order/contract';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The Temporal dev server on a SQLite file, with the pragmas `npm start` uses; it can be killed and started again. */
export interface ChaosTemporal {
  address: string;
  /** SIGKILL, then a new server on the same file; resolves once it answers. */
  crashAndRestart(): Promise<void>;
  stop(): Promise<void>;
}

const TYPE_NAMES: Record<string, string> = {
  KEYWORD: 'Keyword',
  BOOL: 'Bool',
  INT: 'Int',
  DOUBLE: 'Double',
  TEXT: 'Text',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

function serverArgs(dir: string, port: number): string[] {
  const attributes = ORDER_SEARCH_ATTRIBUTES.flatMap((key) => [
    '--search-attribute',
    `${key.name}=${TYPE_NAMES[key.type] ?? 'Keyword'}`,
  ]);
  return [
    ...['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--headless'],
    ...['--db-filename', path.join(dir, 'temporal.db'), '--log-level', 'warn'],
    ...['--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal'],
    ...attributes,
  ];
}

async function waitUntilServing(address: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`Temporal at ${address} did not come up: ${String(error)}`);
      await sleep(250);
    }
  }
}

export async function startChaosTemporal(dir: string, port: number): Promise<ChaosTemporal> {
  const cli = resolveTemporalCli();
  if (!cli) throw new Error('the Temporal CLI is not installed: run npm run setup');
  const address = `127.0.0.1:${port}`;
  const log = openSync(path.join(dir, 'temporal.log'), 'a');
  let child: ChildProcess | undefined;
  const launch = async () => {
    child = spawn(cli.path, serverArgs(dir, port), { stdio: ['ignore', log, log] });
    await waitUntilServing(address);
  };
  const kill = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return resolve();
      running.once('exit', () => resolve());
      running.kill(signal);
    });
  process.once('exit', () => child?.kill('SIGKILL'));
  await launch();
  return {
    address,
    async crashAndRestart() {
      await kill('SIGKILL');
      await launch();
    },
    stop: () => kill('SIGTERM'),
  };
}
