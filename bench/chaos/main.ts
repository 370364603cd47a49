/**
 * `npm run chaos [-- --quick]`: the whole service as separate processes (API, order worker,
 * notification worker) on a file-backed Temporal dev server and a PostgreSQL cluster of its own,
 * with the carrier and provider simulators; orders flow while processes are killed, Temporal and
 * PostgreSQL restarted, providers go down and events arrive duplicated and out of order. Prints each
 * fault's recovery time and every invariant; exits 1 when one fails.
 */
import { parseArgs } from 'node:util';
import type { ProbeTimes } from './probe';
import { FULL, QUICK } from './profile';
import { runChaos, type ChaosResult } from './run';
import { startChaosStack } from './stack';

const seconds = (ms: number) => (ms / 1000).toFixed(1);
const log = (line: string) => console.log(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}`);

function printResult(result: ChaosResult): boolean {
  const row = (name: string, times: ProbeTimes) =>
    console.log(
      `  ${name.padEnd(50)} ${seconds(times.reservedMs).padStart(9)} ${seconds(times.confirmedMs).padStart(10)}`,
    );
  console.log(
    '\nRecovery after each fault, seconds until a new order is reserved / its confirmation email accepted:',
  );
  console.log(`  ${'fault'.padEnd(50)} ${'reserved'.padStart(9)} ${'confirmed'.padStart(10)}`);
  row('(startup: first order after the API is ready)', result.startup);
  for (const fault of result.faults) row(fault.name, fault);
  for (const skipped of result.skipped) console.log(`  skipped: ${skipped}`);
  console.log(`\nInvariants (${result.ordersDriven} orders, ${result.seconds.toFixed(0)} s):`);
  let held = true;
  for (const invariant of result.invariants) {
    const ok = invariant.problems.length === 0;
    held &&= ok;
    console.log(
      `  ${ok ? 'PASS' : 'FAIL'} ${invariant.name}${invariant.detail ? `: ${invariant.detail}` : ''}`,
    );
    for (const problem of invariant.problems.slice(0, 20)) console.log(`       ${problem}`);
    if (invariant.problems.length > 20) console.log(`       … and ${invariant.problems.length - 20} more`);
  }
  console.log(held ? '\nchaos: every invariant held' : '\nchaos: INVARIANT FAILED');
  return held;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
  const profile = values.quick ? QUICK : FULL;
  log(`${profile.name} run: at least ${profile.orders} orders, ${profile.inFlight} in flight`);
  const stack = await startChaosStack(log);
  let held = false;
  try {
    held = printResult(await runChaos(stack, profile, log));
  } catch (error) {
    console.error('chaos run stopped:', error);
  } finally {
    if (!held) log(`service logs kept in ${stack.runDir}; PostgreSQL: ${stack.postgres.description}`);
    await stack.stop(!held);
  }
  process.exitCode = held ? 0 : 1;
}

// A signal ends the run through process.exit, so every 'exit' hook (PostgreSQL, Temporal, the
// service processes) runs.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => process.exit(130));

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
