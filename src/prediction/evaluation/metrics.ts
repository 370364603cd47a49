/**
 * Area under the ROC curve: the probability that a random positive scores above a random negative,
 * ties counting half (Mann–Whitney). NaN when one class is absent.
 */
export function rocAuc(scores: readonly number[], positives: readonly boolean[]): number {
  const ranked = scores
    .map((score, i) => ({ score, positive: positives[i]! }))
    .sort((a, b) => a.score - b.score);
  let positiveRankSum = 0;
  let positiveCount = 0;
  for (let start = 0; start < ranked.length;) {
    let end = start;
    while (end < ranked.length && ranked[end]!.score === ranked[start]!.score) end++;
    const averageRank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) {
      if (ranked[i]!.positive) {
        positiveRankSum += averageRank;
        positiveCount++;
      }
    }
    start = end;
  }
  const negativeCount = ranked.length - positiveCount;
  if (positiveCount === 0 || negativeCount === 0) return Number.NaN;
  return (positiveRankSum - (positiveCount * (positiveCount + 1)) / 2) / (positiveCount * negativeCount);
}

/** Alerts are scores at or above the threshold; precision is null when nothing was alerted. */
export function precisionRecall(
  scores: readonly number[],
  positives: readonly boolean[],
  threshold: number,
): { precision: number | null; recall: number | null; alerts: number } {
  let truePositives = 0;
  let alerts = 0;
  let positiveCount = 0;
  scores.forEach((score, i) => {
    if (positives[i]) positiveCount++;
    if (score >= threshold) {
      alerts++;
      if (positives[i]) truePositives++;
    }
  });
  return {
    precision: alerts === 0 ? null : truePositives / alerts,
    recall: positiveCount === 0 ? null : truePositives / positiveCount,
    alerts,
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function meanAbsolute(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + Math.abs(value), 0) / values.length;
}
