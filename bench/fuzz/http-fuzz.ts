import { parseArgs } from 'node:util';
import { API_OPERATIONS } from '../../src/api/openapi/catalogue';
import { normalOrderFlow, syncProblems } from '../../test/support/hostile/aftermath';
import { doorCredentials } from '../../test/support/hostile/doors';
import { startFuzzStack } from '../../test/support/hostile/fuzz-stack';
import { distinctViolations, formatRun } from '../../test/support/hostile/report';
import { runFuzz, shrink, type Shrunk } from '../../test/support/hostile/run';

/**
 * npm run fuzz:http -- --cases 10000 [--seed N] [--shrink 10]
 * Hostile requests to every route of the catalogue against the real stack; prints the cases run, the
 * status histogram, the slowest answers and each kind of violation with a shrunk reproduction, then
 * the sync check and a normal order flow. Exits 1 when anything failed.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '10000' },
      seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
      shrink: { type: 'string', default: '10' },
    },
  });
  const cases = Number(values.cases);
  const seed = Number(values.seed);
  const fuzz = await startFuzzStack();
  try {
    const target = {
      baseUrl: fuzz.baseUrl,
      operations: API_OPERATIONS,
      orderIds: fuzz.orderIds,
      credentials: doorCredentials(fuzz.secrets),
    };
    console.log(`${API_OPERATIONS.length} routes, ${cases} cases, seed ${seed}`);
    const started = Date.now();
    const run = await runFuzz(target, {
      cases,
      seed,
      onProgress: (sofar) => {
        if (sofar.cases % 1000 === 0)
          console.log(`  ${sofar.cases} cases, ${sofar.violations.length} violations so far`);
      },
    });
    const seconds = (Date.now() - started) / 1000;
    const shrunk: Shrunk[] = [];
    for (const outcome of distinctViolations(run).slice(0, Number(values.shrink))) {
      shrunk.push(await shrink(target, seed, outcome.at));
    }
    console.log(formatRun(run, shrunk));
    console.log(`${run.cases} cases in ${seconds.toFixed(0)} s`);
    const sync = await syncProblems(fuzz);
    console.log(sync.length === 0 ? 'sync check: clean' : `sync check:\n  ${sync.join('\n  ')}`);
    const flow = await normalOrderFlow(fuzz, target.credentials);
    console.log(
      flow.length === 0 ? 'normal order flow: shipped' : `normal order flow:\n  ${flow.join('\n  ')}`,
    );
    process.exitCode = run.violations.length + sync.length + flow.length > 0 ? 1 : 0;
  } finally {
    await fuzz.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
