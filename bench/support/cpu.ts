import { readdirSync, readFileSync } from 'node:fs';

/** CPU time (ms, user + system) this process has used, all its threads included. */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const TICKS_PER_SECOND = 100;

/** CPU ticks of one process from /proc: its own (utime + stime) and, with `reaped`, its waited-for children's. */
function processTicks(pid: string | number, reaped = false): number {
  // Fields after the command name (which may hold spaces): utime, stime, cutime, cstime are the 12th to 15th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const own = Number(fields[11]) + Number(fields[12]);
  return reaped ? own + Number(fields[13]) + Number(fields[14]) : own;
}

/** Sum of `ticksOf` over the processes whose command line `matches`, in ms; NaN where there is none. */
function cpuOfMatching(
  matches: (cmdline: string) => boolean,
  ticksOf: (pid: string, cmdline: string) => number,
) {
  let ticks = 0;
  let found = false;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return Number.NaN;
  }
  for (const pid of pids) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!matches(cmdline)) continue;
      ticks += ticksOf(pid, cmdline);
      found = true;
    } catch {
      // The process ended while being read.
    }
  }
  return found ? (ticks * 1000) / TICKS_PER_SECOND : Number.NaN;
}

/** CPU time (ms) of the processes whose command line contains `marker`, from /proc; NaN where there is none. */
export function processCpuMs(marker: string): number {
  return cpuOfMatching(
    (cmdline) => cmdline.includes(marker),
    (pid) => processTicks(pid),
  );
}

/** CPU time (ms) of one process, all its threads; NaN once it has ended. */
export function pidCpuMs(pid: number): number {
  try {
    return (processTicks(pid) * 1000) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU time (ms) of this machine's PostgreSQL: the live backends and the postmaster, with the CPU of
 * the backends that have ended (the postmaster reaps them), so a closed connection's work still counts.
 */
export function postgresCpuMs(): number {
  return cpuOfMatching(
    (cmdline) => cmdline.startsWith('postgres:') || /\/postgres\0/.test(cmdline),
    (pid, cmdline) => processTicks(pid, !cmdline.startsWith('postgres:')),
  );
}

/** CPU used by this process and by the processes matching `marker` while fn runs, in ms. */
export async function cpuDuring<T>(
  marker: string,
  fn: () => Promise<T>,
): Promise<{ result: T; ownMs: number; otherMs: number }> {
  const [own, other] = [ownCpuMs(), processCpuMs(marker)];
  const result = await fn();
  return { result, ownMs: ownCpuMs() - own, otherMs: processCpuMs(marker) - other };
}
