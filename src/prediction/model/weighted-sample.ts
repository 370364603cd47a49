/** Distinct residual days in ascending order, each with the summed weight of the rows that had it. */
export interface WeightedSample {
  values: number[];
  weights: number[];
  totalWeight: number;
  rows: number;
}

const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.25;

/**
 * Weight of a row promised on `date` when the history ends on `asOf` (both YYYY-MM-DD): it halves
 * every `halfLifeYears`; 0 gives every row weight 1.
 */
export function recencyWeight(date: string, asOf: string, halfLifeYears: number): number {
  if (halfLifeYears <= 0) return 1;
  const ageYears = Math.max(Date.parse(asOf) - Date.parse(date), 0) / DAY_MS / YEAR_DAYS;
  return 0.5 ** (ageYears / halfLifeYears);
}

/** Collects (value, weight) pairs into a sample; pairs may come in any order. */
export function weightedSample(values: readonly number[], weights: readonly number[]): WeightedSample {
  const byValue = new Map<number, number>();
  values.forEach((value, i) => byValue.set(value, (byValue.get(value) ?? 0) + weights[i]!));
  const ordered = [...byValue.keys()].sort((a, b) => a - b);
  const summed = ordered.map((value) => byValue.get(value)!);
  return {
    values: ordered,
    weights: summed,
    totalWeight: summed.reduce((sum, weight) => sum + weight, 0),
    rows: values.length,
  };
}

/** The smallest value whose cumulative weight reaches `level` of the total (inverse CDF). */
export function weightedQuantile(sample: WeightedSample, level: number): number {
  if (sample.values.length === 0) throw new RangeError('quantile of an empty sample');
  const needed = Math.min(Math.max(level, 0), 1) * sample.totalWeight;
  let cumulative = 0;
  for (let i = 0; i < sample.values.length; i++) {
    cumulative += sample.weights[i]!;
    if (cumulative >= needed - 1e-9) return sample.values[i]!;
  }
  return sample.values.at(-1)!;
}

/**
 * The shortest interval [lower, upper] of sample values holding at least `mass` of the total weight
 * (a highest-density interval); of equally short ones, the one holding the most weight, then the
 * lowest.
 */
export function shortestInterval(sample: WeightedSample, mass: number): { lower: number; upper: number } {
  const { values, weights } = sample;
  if (values.length === 0) throw new RangeError('interval of an empty sample');
  const needed = Math.min(Math.max(mass, 0), 1) * sample.totalWeight - 1e-9;
  let best = { lower: values[0]!, upper: values.at(-1)!, held: sample.totalWeight };
  let held = 0;
  let right = -1;
  for (let left = 0; left < values.length; left++) {
    while ((held < needed || right < left) && right < values.length - 1) held += weights[++right]!;
    if (held < needed) break;
    const width = values[right]! - values[left]!;
    const bestWidth = best.upper - best.lower;
    if (width < bestWidth || (width === bestWidth && held > best.held)) {
      best = { lower: values[left]!, upper: values[right]!, held };
    }
    held -= weights[left]!;
  }
  return { lower: best.lower, upper: best.upper };
}

/** The equal-tailed interval: `(1 − mass) / 2` of the weight left out on either side. */
export function equalTailedInterval(sample: WeightedSample, mass: number): { lower: number; upper: number } {
  const tail = (1 - mass) / 2;
  return { lower: weightedQuantile(sample, tail), upper: weightedQuantile(sample, 1 - tail) };
}
