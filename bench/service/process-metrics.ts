import { TEST_OPS_TOKEN } from '../../test/support/ops-credentials';

/** What the service process went through between two reads of its /metrics. */
export interface ProcessStrain {
  /** Event loop delay (prom-client's sampler, reset at each read): p99 and max, ms. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** Time spent in garbage collection, ms. */
  gcMs: number;
}

/** The sum of a metric's samples (all label sets) in Prometheus text. */
function sample(text: string, name: string): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

async function scrape(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/metrics`, {
    headers: { authorization: `Bearer ${TEST_OPS_TOKEN}` },
  });
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
  return response.text();
}

/** Reads /metrics before and after `work` (the first read resets the event loop sampler). */
export async function strainDuring<T>(
  baseUrl: string,
  work: () => Promise<T>,
): Promise<{ result: T; strain: ProcessStrain }> {
  const before = await scrape(baseUrl);
  const result = await work();
  const after = await scrape(baseUrl);
  const gc = (text: string) => sample(text, 'nodejs_gc_duration_seconds_sum');
  return {
    result,
    strain: {
      loopDelayP99Ms: sample(after, 'nodejs_eventloop_lag_p99_seconds') * 1000,
      loopDelayMaxMs: sample(after, 'nodejs_eventloop_lag_max_seconds') * 1000,
      gcMs: (gc(after) - gc(before)) * 1000,
    },
  };
}
