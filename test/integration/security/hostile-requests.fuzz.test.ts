import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { API_OPERATIONS } from '../../../src/api/openapi/catalogue';
import { normalOrderFlow, syncProblems } from '../../support/hostile/aftermath';
import { doorCredentials } from '../../support/hostile/doors';
import { startFuzzStack, type FuzzStack } from '../../support/hostile/fuzz-stack';
import { distinctViolations, formatRun } from '../../support/hostile/report';
import { runFuzz, shrink, type FuzzTarget, type Shrunk } from '../../support/hostile/run';

const CASES = Number(process.env.HTTP_FUZZ_CASES ?? 300);
const SEED = Number(process.env.HTTP_FUZZ_SEED ?? 20261130);

describe(`hostile requests to every route of the catalogue (${CASES} cases, seed ${SEED})`, () => {
  let fuzz: FuzzStack;
  let target: FuzzTarget;
  before(async () => {
    fuzz = await startFuzzStack();
    target = {
      baseUrl: fuzz.baseUrl,
      operations: API_OPERATIONS,
      orderIds: fuzz.orderIds,
      credentials: doorCredentials(fuzz.secrets),
    };
  });
  after(async () => {
    await fuzz?.stop();
  });

  it(
    'answers every request without a 5xx (but documented 503s), within 2 s, polluting nothing',
    { timeout: 900_000 },
    async () => {
      const run = await runFuzz(target, { cases: CASES, seed: SEED });
      const shrunk: Shrunk[] = [];
      for (const outcome of distinctViolations(run).slice(0, 5))
        shrunk.push(await shrink(target, SEED, outcome.at));
      const report = formatRun(run, shrunk);
      console.log(report);
      assert.ok(run.cases >= CASES, `${run.cases} cases run`);
      assert.deepEqual(run.violations.length, 0, report);
    },
  );

  it('leaves the read model in sync with every order workflow', { timeout: 300_000 }, async () => {
    assert.deepEqual(await syncProblems(fuzz), []);
  });

  it('still takes a new order over HTTP through to shipped', { timeout: 300_000 }, async () => {
    assert.deepEqual(await normalOrderFlow(fuzz, target.credentials), []);
  });
});
