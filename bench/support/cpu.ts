import { readdirSync, readFileSync } from 'node:fs';

/** CPU time (ms, user + system) this process has used, all its threads included. */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const TICKS_PER_SECOND = 100;

/** CPU time (ms) of the processes whose command line contains `marker`, from /proc; NaN where there is none. */
export function processCpuMs(marker: string): number {
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
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) continue;
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
      found = true;
    } catch {
      // The process ended while being read.
    }
  }
  return found ? (ticks * 1000) / TICKS_PER_SECOND : Number.NaN;
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
