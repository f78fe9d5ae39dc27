// Quantiles of several samples pooled, where each sample (a round, a burst) may be drawn more than once:
// what a block bootstrap needs thousands of times, without concatenating and sorting each time.

const upperBound = (sorted: Float64Array, v: number): number => {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/**
 * For `blocks` (one array of samples per round), returns `(picks, q)`: the nearest-rank q-quantile of
 * the blocks named by `picks` pooled, a block counted as often as it is picked. With every block picked
 * once it is the plain nearest-rank quantile of all samples (summarize.ts uses the same rank).
 */
export function createPooledQuantile(blocks: number[][]): (picks: readonly number[], q: number) => number {
  const sorted = blocks.map((b) => Float64Array.from(b).sort());
  const all = Float64Array.from(blocks.flat()).sort();
  const weights = new Float64Array(blocks.length);
  return (picks, q) => {
    weights.fill(0);
    for (const p of picks) weights[p]!++;
    let total = 0;
    for (let b = 0; b < sorted.length; b++) total += weights[b]! * sorted[b]!.length;
    if (total === 0) return NaN;
    const rank = Math.min(total, Math.max(1, Math.ceil(q * total)));
    // The smallest value of `all` with at least `rank` pooled samples at or below it.
    let lo = 0;
    let hi = all.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      let count = 0;
      for (let b = 0; b < sorted.length; b++) if (weights[b]) count += weights[b]! * upperBound(sorted[b]!, all[mid]!);
      if (count >= rank) hi = mid;
      else lo = mid + 1;
    }
    return all[lo]!;
  };
}
