import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '../../test/support/database';

/** PostgreSQL for a chaos run: a cluster of its own that can be restarted, or a database on the shared one. */
export interface ChaosPostgres {
  url: string;
  description: string;
  /** Crash-restarts the server (immediate shutdown, then start); undefined on the shared server. */
  restart?: () => Promise<void>;
  /** Stops the server; its data directory is kept (for a look at a failed run) when `keepData`. */
  stop(keepData: boolean): Promise<void>;
}

function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => path.join(root, v, 'bin')).find((dir) => existsSync(path.join(dir, 'pg_ctl')));
}

/** initdb and pg_ctl refuse to run as root: as root they run as the postgres user. */
function runAsOwner(binary: string, args: string[]): void {
  const command =
    userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
  execFileSync(command[0] as string, command[1] as string[], { stdio: ['ignore', 'ignore', 'pipe'] });
}

async function startDedicated(binDir: string, port: number): Promise<ChaosPostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ost-chaos-pg-'));
  if (userInfo().uid === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  const pgCtl = path.join(binDir, 'pg_ctl');
  runAsOwner(path.join(binDir, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300`;
  // However the run ends (an error, a signal, a lost parent), the cluster does not outlive it.
  let keep = false;
  process.once('exit', () => {
    try {
      runAsOwner(pgCtl, ['-D', data, '-m', 'immediate', 'stop']);
    } catch {
      // already stopped
    }
    if (!keep) rmSync(dir, { recursive: true, force: true });
  });
  const start = () =>
    runAsOwner(pgCtl, ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    description: `own cluster on 127.0.0.1:${port} (${dir})`,
    restart: async () => {
      runAsOwner(pgCtl, ['-D', data, '-m', 'immediate', 'stop']);
      start();
    },
    stop: async (keepData) => {
      keep = keepData;
      try {
        runAsOwner(pgCtl, ['-D', data, '-m', 'fast', 'stop']);
      } finally {
        if (!keepData) rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A cluster of its own from the Debian binaries; the shared 127.0.0.1:5432 when that is not possible. */
export async function startChaosPostgres(port: number, log: (line: string) => void): Promise<ChaosPostgres> {
  const binDir = postgresBinDir();
  if (binDir) {
    try {
      return await startDedicated(binDir, port);
    } catch (error) {
      log(
        `own PostgreSQL cluster could not start (${String(error).split('\n')[0]}); using the shared server`,
      );
    }
  } else log('no PostgreSQL binaries under /usr/lib/postgresql; using the shared server');
  const database = await createTestDatabase('ost_chaos');
  return {
    url: database.url,
    description: 'a database on the shared server (the PostgreSQL restart fault is skipped)',
    stop: async (keepData) => (keepData ? database.db.close() : database.drop()),
  };
}
