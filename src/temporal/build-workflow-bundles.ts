import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  bundleWorkflows,
  PREBUILT_BUNDLES_DIR,
  WORKFLOW_SOURCES,
  type WorkflowCodeName,
} from './workflow-bundles';

/**
 * `npm run build`, after tsc: bundles the order and notification workflows into
 * dist/workflow-bundles/<name>.js, which the workers load instead of bundling at start.
 */
async function main(): Promise<void> {
  await mkdir(PREBUILT_BUNDLES_DIR, { recursive: true });
  for (const name of Object.keys(WORKFLOW_SOURCES) as WorkflowCodeName[]) {
    const startedAt = Date.now();
    const file = path.join(PREBUILT_BUNDLES_DIR, `${name}.js`);
    await writeFile(file, await bundleWorkflows(name));
    console.log(`${path.relative(process.cwd(), file)}: bundled in ${Date.now() - startedAt} ms`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
