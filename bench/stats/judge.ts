import type { Interval } from './bootstrap-interval.js';

export type Verdict = 'met' | 'missed' | 'inconclusive';

/**
 * For a figure that must stay at or under `target` (every ratio the bench judges: lower is better):
 * met only when the whole interval is within the target, missed only when the whole interval is
 * outside it, inconclusive otherwise.
 */
export function judge(interval: Pick<Interval, 'low' | 'high'>, target: number): Verdict {
  if (!(interval.low <= interval.high)) return 'inconclusive';
  if (interval.high <= target) return 'met';
  if (interval.low > target) return 'missed';
  return 'inconclusive';
}

/**
 * Whether more blocks could still change the verdict and are worth their time: the interval straddles
 * the target and is wider than ±`halfWidth` (narrower than that, the honest answer is "inconclusive,
 * and it is within a hair of the target").
 */
export function worthMore(interval: Pick<Interval, 'low' | 'high'>, target: number, halfWidth: number): boolean {
  return judge(interval, target) === 'inconclusive' && (interval.high - interval.low) / 2 > halfWidth;
}
