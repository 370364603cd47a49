/** Quantile of an ascending array by linear interpolation between closest ranks (type 7). */
export function quantileOfSorted(sorted: readonly number[], level: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of an empty sample');
  const position = Math.min(Math.max(level, 0), 1) * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

/**
 * The split-conformal quantile of scores: the ⌈(n+1)·level⌉-th smallest, so that a new exchangeable
 * score falls at or below it with probability at least level. Infinity when n is too small for that.
 */
export function conformalQuantile(scores: readonly number[], level: number): number {
  const sorted = [...scores].sort((a, b) => a - b);
  const rank = Math.ceil((sorted.length + 1) * level);
  return rank > sorted.length ? Number.POSITIVE_INFINITY : sorted[Math.max(rank, 1) - 1]!;
}

export const ascending = (values: number[]): number[] => values.sort((a, b) => a - b);
