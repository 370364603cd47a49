import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleWorkflowCode, type WorkerOptions } from '@temporalio/worker';
import { tracingWorkflowModules } from '../observability/temporal-tracing';
import { ENCRYPTED_FAILURE_CONVERTER } from '../security/payload-codec';

/** The two sets of workflow code: the order worker's and the notification worker's. */
export const WORKFLOW_SOURCES = {
  orders: () => require.resolve('../workflows'),
  notifications: () => require.resolve('../notifications/workflows'),
} as const;
export type WorkflowCodeName = keyof typeof WORKFLOW_SOURCES;

/** Where `npm run build` writes the bundles: dist/workflow-bundles/<name>.js. */
export const PREBUILT_BUNDLES_DIR = path.resolve(__dirname, '..', 'workflow-bundles');

/** Where a process keeps bundles between starts: DATA_DIR/workflow-bundles. */
export const bundleCacheDirIn = (dataDir: string) => path.join(dataDir, 'workflow-bundles');

export type WorkflowCode = Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'>;

/** What a cached bundle was built from: the service's own source files and the SDK version. */
interface BundleManifest {
  sources: string[];
  hash: string;
}

const silentLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => console.error(message),
};

export async function bundleWorkflows(name: WorkflowCodeName): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOW_SOURCES[name](),
    // Failures raised in workflow code keep their messages encrypted, as activities' do.
    failureConverterPath: ENCRYPTED_FAILURE_CONVERTER,
    logger: silentLogger,
  });
  return code;
}

/** The SDK's version is part of every bundle's key. */
const SDK_PACKAGE = require.resolve('@temporalio/workflow/package.json');

/** The service's own files in a bundle, from its inline source map (absolute paths). */
function sourcesOf(code: string): string[] {
  const match = /sourceMappingURL=data:application\/json;charset=utf-8;base64,([A-Za-z0-9+/=]+)\s*$/.exec(
    code,
  );
  if (!match) return [];
  const map = JSON.parse(Buffer.from(match[1]!, 'base64').toString('utf8')) as { sources: string[] };
  const root = path.resolve(__dirname, '..');
  // The bundler's generated entry point is not on disk: it follows from the workflows path.
  const own = [...new Set(map.sources)].filter(
    (file) => file.startsWith(root + path.sep) && existsSync(file),
  );
  return own.length > 0 ? [...own.sort(), SDK_PACKAGE] : [];
}

async function hashOf(sources: string[]): Promise<string | undefined> {
  const hash = createHash('sha256');
  for (const file of sources) {
    const content = await readFile(file).catch(() => undefined);
    if (!content) return undefined;
    hash.update(file).update('\0').update(content);
  }
  return hash.digest('hex');
}

async function writeAtomically(file: string, content: string): Promise<void> {
  const temporary = `${file}.${randomUUID()}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, file);
}

/** The cached bundle when every source it was built from is unchanged; otherwise bundles and caches. */
async function cachedBundle(name: WorkflowCodeName, cacheDir: string): Promise<WorkflowCode> {
  const codePath = path.join(cacheDir, `${name}.js`);
  const manifestPath = path.join(cacheDir, `${name}.json`);
  const manifest = await readFile(manifestPath, 'utf8')
    .then((text) => JSON.parse(text) as BundleManifest)
    .catch(() => undefined);
  if (manifest && existsSync(codePath) && (await hashOf(manifest.sources)) === manifest.hash) {
    return { workflowBundle: { codePath } };
  }
  const code = await bundleWorkflows(name);
  const sources = sourcesOf(code);
  const hash = await hashOf(sources);
  if (sources.length === 0 || !hash) return { workflowBundle: { code } };
  try {
    await mkdir(cacheDir, { recursive: true });
    await writeAtomically(codePath, code);
    await writeAtomically(manifestPath, JSON.stringify({ sources, hash }));
  } catch {
    return { workflowBundle: { code } };
  }
  return { workflowBundle: { codePath } };
}

/**
 * The workflow code a worker runs: the bundle `npm run build` made (production, docker); else, with a
 * cache directory, a bundle kept there between starts and rebuilt when a source changes (`npm start`);
 * else the sources, bundled by the worker at start.
 */
export async function workflowCodeFor(name: WorkflowCodeName, cacheDir?: string): Promise<WorkflowCode> {
  // Traced workers bundle at start, with the tracing interceptors the prebuilt bundles lack.
  if (tracingWorkflowModules().length > 0) return { workflowsPath: WORKFLOW_SOURCES[name]() };
  const prebuilt = path.join(PREBUILT_BUNDLES_DIR, `${name}.js`);
  if (existsSync(prebuilt)) return { workflowBundle: { codePath: prebuilt } };
  if (cacheDir) return cachedBundle(name, cacheDir);
  return { workflowsPath: WORKFLOW_SOURCES[name]() };
}
