import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { devServerExecutable } from './cli';
import { ORDER_SEARCH_ATTRIBUTES } from '../workflows/order/contract';
import { encryptingDataConverter } from '../security/payload-codec';
import { demoPayloadKeys } from '../security/payload-keys';

export interface DevServerOptions {
  dataDir: string;
  /** Frontend port; a free one when omitted. */
  port?: number;
  /** Serve the Temporal UI on this port; no UI when omitted. */
  uiPort?: number;
  /** The remote codec the UI shows payloads through (`--ui-codec-endpoint`). */
  uiCodecEndpoint?: string;
  /** Keep SQLite's default journaling (only to measure what the WAL pragmas buy). */
  defaultSqlitePragmas?: boolean;
}

const FAST_SQLITE = ['--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal'];

/**
 * The Temporal dev server with its UI, history persisted in a SQLite file. WAL journaling and
 * synchronous=normal keep it from saturating near 50 signals/s, as default pragmas do.
 */
export async function startDevServer(options: DevServerOptions): Promise<TestWorkflowEnvironment> {
  mkdirSync(options.dataDir, { recursive: true });
  return TestWorkflowEnvironment.createLocal({
    // Its own client (benchmarks use it) encrypts like the service does with no key configured.
    client: { dataConverter: encryptingDataConverter(demoPayloadKeys()) },
    server: {
      executable: devServerExecutable(),
      ip: '127.0.0.1',
      port: options.port,
      ui: options.uiPort !== undefined,
      uiPort: options.uiPort,
      dbFilename: path.join(options.dataDir, 'temporal.db'),
      searchAttributes: ORDER_SEARCH_ATTRIBUTES,
      extraArgs: [
        ...(options.defaultSqlitePragmas ? [] : FAST_SQLITE),
        ...(options.uiCodecEndpoint ? ['--ui-codec-endpoint', options.uiCodecEndpoint] : []),
        '--log-level',
        'warn',
      ],
    },
  });
}
