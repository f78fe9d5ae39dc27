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
 * How sure an early stop must be. The bench adds blocks while a verdict is undecided and looks again after
 * each step; stopping at the first look whose 95 % interval happens to decide would make a lucky "met" far
 * likelier than 5 %. So a run stops adding blocks early only when a 99.9 % interval decides (Haybittle and
 * Peto's rule for interim looks); otherwise it goes on to the cap, and the verdict is judged at 95 % on
 * everything measured. Over the bench's handful of looks the error stays near the nominal 5 %.
 */
export const STOP_LEVEL = 0.999;

type Bounds = Pick<Interval, 'low' | 'high'>;

/**
 * Whether more blocks are worth their time: the STOP_LEVEL interval (`strict`) does not decide yet, and the
 * 95 % one (`interval`) is wider than ±`halfWidth` (narrower than that, the honest answer is "inconclusive,
 * within a hair of the target", and more blocks would only confirm it).
 */
export function worthMore(strict: Bounds, interval: Bounds, target: number, halfWidth: number): boolean {
  return judge(strict, target) === 'inconclusive' && (interval.high - interval.low) / 2 > halfWidth;
}
