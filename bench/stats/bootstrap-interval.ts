// A percentile bootstrap over blocks (rounds, bursts, repetitions): the machine's state changes from one
// block to the next, so blocks, not single requests, are the independent draws. Blocks are paired:
// block i of every contender ran in the same round, back to back, and a resample keeps them together.
// No maintained statistics package resamples paired blocks with a small-sample correction, so the
// resampling is here; the distribution functions it needs come from stdlib.
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import studentTQuantile from '@stdlib/stats-base-dists-t-quantile';
import { seededRandom } from './seeded-random.js';

export interface Interval {
  /** The statistic on the data as measured. */
  estimate: number;
  low: number;
  high: number;
  /** Blocks resampled. */
  blocks: number;
}

export interface BootstrapOptions {
  /** Default 0.95. */
  level?: number;
  /** Default 4000. */
  resamples?: number;
  /** Default 1: the same data always gives the same interval. */
  seed?: number;
}

/**
 * The tail probability to read on each side. The plain percentile interval is too narrow with few
 * blocks (it ignores that the spread itself is estimated); Hesterberg's "expanded percentile" widens
 * it as a t interval would: α' / 2 = Φ(−√(n / (n − 1)) · t(1 − α / 2, n − 1)).
 */
export function expandedTail(level: number, blocks: number): number {
  const alpha = 1 - level;
  if (blocks < 2) return 0;
  return normalCdf(-Math.sqrt(blocks / (blocks - 1)) * studentTQuantile(1 - alpha / 2, blocks - 1), 0, 1);
}

/**
 * The interval of `statistic` over `blocks` blocks. `statistic(picks)` computes the figure from the
 * blocks named in `picks` (indices, repeats allowed); NaN resamples are dropped.
 */
export function bootstrapInterval(
  blocks: number,
  statistic: (picks: readonly number[]) => number,
  options: BootstrapOptions = {},
): Interval {
  const { level = 0.95, resamples = 4000, seed = 1 } = options;
  const all = Array.from({ length: blocks }, (_, i) => i);
  const estimate = statistic(all);
  if (blocks < 2) return { estimate, low: -Infinity, high: Infinity, blocks };
  const random = seededRandom(seed);
  const values: number[] = [];
  const picks = new Array<number>(blocks);
  for (let i = 0; i < resamples; i++) {
    for (let j = 0; j < blocks; j++) picks[j] = Math.floor(random() * blocks);
    const v = statistic(picks);
    if (!Number.isNaN(v)) values.push(v);
  }
  values.sort((a, b) => a - b);
  const tail = expandedTail(level, blocks);
  const at = (p: number) => values[Math.min(values.length - 1, Math.max(0, Math.floor(p * values.length)))]!;
  return { estimate, low: at(tail), high: at(1 - tail), blocks };
}
