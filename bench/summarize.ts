export interface Summary {
  median: number;
  p95: number;
  n: number;
}

/**
 * Nearest-rank quantile of an ascending array: always a measured value, and the rank the bootstrap's
 * pooled quantile (stats/pooled-quantile.ts) reproduces. simple-statistics' quantile averages two values
 * at an exact rank, which the pooled bootstrap could not match without sorting every resample.
 */
const rank = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;

/** Median and p95 (nearest rank) of a sample, in its own unit. */
export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: rank(sorted, 0.5), p95: rank(sorted, 0.95), n: sorted.length };
}
