/** Quantile of an ascending array by linear interpolation between closest ranks (type 7). */
export function quantileOfSorted(sorted: readonly number[], level: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of an empty sample');
  const position = Math.min(Math.max(level, 0), 1) * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

export const ascending = (values: number[]): number[] => values.sort((a, b) => a - b);
