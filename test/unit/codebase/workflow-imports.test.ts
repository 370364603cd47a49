import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '../../../src');

/** The modules a file loads at run time: type-only imports and exports are erased by the compiler. */
function runtimeSpecifiers(source: string): string[] {
  const statements = source.match(/^(?:import|export)\s[^;]*?\sfrom\s+'[^']+';/gms) ?? [];
  return statements
    .filter((statement) => !/^(?:import|export)\s+type\s/.test(statement))
    .filter((statement) => !/^(?:import|export)\s*\{(?:\s*type\s+[^,}]+,?)+\s*\}\s*from/.test(statement))
    .map((statement) => /from\s+'([^']+)'/.exec(statement)![1]!);
}

function resolveLocal(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, path.join(base, 'index.ts')].find((file) => existsSync(file));
}

/** Every package or builtin reached from an entry point, with the file that first reaches it. */
function externalsReachedFrom(entry: string): Map<string, string> {
  const externals = new Map<string, string>();
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of runtimeSpecifiers(readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) {
        if (!externals.has(specifier)) externals.set(specifier, path.relative(SRC, file));
        continue;
      }
      const local = resolveLocal(file, specifier);
      if (local) pending.push(local);
    }
  }
  return externals;
}

const WORKFLOW_ENTRIES = ['workflows/index.ts', 'notifications/workflows/index.ts'];
// The workflow runtime and the SDK's own helpers; everything else is loaded again in every workflow's isolated context.
const ALLOWED = new Set(['@temporalio/workflow', '@temporalio/common']);

for (const entry of WORKFLOW_ENTRIES) {
  test(`workflow code from ${entry} loads no Node module and no package but the workflow SDK`, () => {
    const reached = externalsReachedFrom(path.join(SRC, entry));
    const foreign = [...reached].filter(([specifier]) => !ALLOWED.has(specifier));
    assert.deepEqual(
      foreign.map(([specifier, file]) => `${specifier} (from ${file})`),
      [],
      'workflow code must stay deterministic and cheap to load per workflow',
    );
    assert.ok(reached.has('@temporalio/workflow'), 'the walk reached the workflow code');
  });
}

test('the import walk sees through mixed imports but not type-only ones', () => {
  assert.deepEqual(
    runtimeSpecifiers(
      [
        "import type { A } from 'zod';",
        "import { type B, type C } from 'pg';",
        "import { d, type E } from 'express';",
        "export { f } from 'node:fs';",
      ].join('\n'),
    ),
    ['express', 'node:fs'],
  );
});
