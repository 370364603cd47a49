import type { ChaosFleet } from './fleet';
import type { ChaosPostgres } from './postgres-cluster';
import type { ChaosProfile } from './profile';
import type { ProbeTimes } from './probe';
import type { ChaosProviders } from './providers';
import type { ChaosTemporal } from './temporal-server';

/** Everything a fault can break. */
export interface ChaosTargets {
  fleet: ChaosFleet;
  temporal: ChaosTemporal;
  postgres: ChaosPostgres;
  providers: ChaosProviders;
}

export interface Fault {
  name: string;
  /** Breaks something; resolves when the fault is over (a restart begun, an outage ended). */
  inject(targets: ChaosTargets): Promise<void>;
  /** Recovery counts from the fault's end (an outage), not from when it struck (a crash). */
  fromEnd?: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** The faults of one run, in the order they are dealt. */
export function faultPlan(
  profile: ChaosProfile,
  postgres: ChaosPostgres,
): { faults: Fault[]; skipped: string[] } {
  const faults: Fault[] = [];
  for (let kill = 1; kill <= profile.orderWorkerKills; kill += 1) {
    faults.push({
      name: `kill -9 order worker (${kill}/${profile.orderWorkerKills})`,
      inject: (t) => t.fleet.kill('orderWorker'),
    });
  }
  if (profile.killEachRole) {
    faults.push(
      { name: 'kill -9 notification worker', inject: (t) => t.fleet.kill('notificationWorker') },
      { name: 'kill -9 API', inject: (t) => t.fleet.kill('api') },
    );
  }
  faults.push(
    {
      name: `SendGrid 503 and Twilio down for ${profile.outageMs / 1000} s`,
      inject: async (t) => {
        await t.providers.down();
        await sleep(profile.outageMs);
        await t.providers.up();
      },
      fromEnd: true,
    },
    { name: 'Temporal dev server kill -9 and restart', inject: (t) => t.temporal.crashAndRestart() },
  );
  const skipped: string[] = [];
  if (postgres.restart) {
    const restart = postgres.restart;
    faults.push({ name: 'PostgreSQL restart (immediate)', inject: () => restart() });
  } else skipped.push('PostgreSQL restart: no cluster of its own, the shared server is not restarted');
  faults.push({ name: 'kill -9 of the whole process group', inject: (t) => t.fleet.killGroup() });
  return { faults, skipped };
}

export interface FaultOutcome extends ProbeTimes {
  name: string;
}

/**
 * Deals each fault, then measures recovery with a probe (a new order placed, reserved and its
 * confirmation accepted by SendGrid), then waits `gapMs` before the next. Orders keep flowing
 * meanwhile.
 */
export async function runFaults(
  targets: ChaosTargets,
  faults: Fault[],
  probe: (from: number) => Promise<ProbeTimes>,
  options: { gapMs: number; log: (line: string) => void },
): Promise<FaultOutcome[]> {
  const outcomes: FaultOutcome[] = [];
  for (const fault of faults) {
    options.log(`fault: ${fault.name}`);
    const struck = Date.now();
    await fault.inject(targets);
    const times = await probe(fault.fromEnd ? Date.now() : struck);
    options.log(
      `  new order reserved after ${seconds(times.reservedMs)} s, confirmed by email after ${seconds(times.confirmedMs)} s`,
    );
    outcomes.push({ name: fault.name, ...times });
    await sleep(options.gapMs);
  }
  return outcomes;
}
