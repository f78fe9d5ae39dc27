// The judged figures of a run: each a ratio for bearer-worker against its yardstick, with a 95 %
// interval from a paired bootstrap over the run's blocks (rounds, bursts, repetitions) and the verdict
// that interval allows (met / missed / inconclusive).
import type { AfterInteractionResult } from './measure-after-interaction.js';
import type { ColdStartResult } from './measure-cold-start.js';
import type { FirstCallResult } from './measure-first-call.js';
import type { NonApiResult } from './measure-non-api.js';
import { bootstrapInterval, type Interval } from './stats/bootstrap-interval.js';
import { judge, STOP_LEVEL, worthMore, type Verdict } from './stats/judge.js';
import { createPooledQuantile } from './stats/pooled-quantile.js';

/** Stable names (results files and docs refer to them); the Firefox-only non-API figures on a running worker come last. */
export const FIGURES = [
  'sequential-median',
  'sequential-p95',
  'concurrent-median',
  'concurrent-p95',
  'cold-start-penalty',
  'first-call-after-load',
  'call-after-interaction',
  'non-api-stopped-same-origin',
  'non-api-stopped-third-party',
  'non-api-running-same-origin',
  'non-api-running-third-party',
] as const;
export type FigureName = (typeof FIGURES)[number];

export interface FigureVerdict {
  figure: FigureName;
  contender: 'bearer';
  /** What the ratio divides by. */
  versus: string;
  ratio: number;
  low: number;
  high: number;
  target: number;
  verdict: Verdict;
  /** Blocks the interval resampled (rounds, bursts or repetitions). */
  blocks: number;
}

export const TARGETS: Record<FigureName, { target: number; versus: string }> = {
  'sequential-median': { target: 1.05, versus: 'passthrough' },
  'sequential-p95': { target: 1.05, versus: 'passthrough' },
  'concurrent-median': { target: 1.05, versus: 'passthrough' },
  'concurrent-p95': { target: 1.05, versus: 'passthrough' },
  'cold-start-penalty': { target: 1, versus: 'token round trip (penalty over passthrough)' },
  'first-call-after-load': { target: 1.1, versus: 'passthrough' },
  'call-after-interaction': { target: 1.05, versus: 'passthrough' },
  // Static Routing answers these without starting either worker: what is left is the rules' own cost.
  'non-api-stopped-same-origin': { target: 1.05, versus: 'one-rule worker' },
  'non-api-stopped-third-party': { target: 1.05, versus: 'one-rule worker' },
  'non-api-running-same-origin': { target: 1.1, versus: 'no worker' },
  'non-api-running-third-party': { target: 1.1, versus: 'no worker' },
};

/**
 * The ratio of the q-quantiles of two paired block series (block i of each ran back to back), both
 * pooled over the same resampled blocks. Unpaired trailing blocks are left out.
 */
export function quantileRatio(numerator: number[][], denominator: number[][], q: number, level = 0.95): Interval {
  const n = Math.min(numerator.length, denominator.length);
  const top = createPooledQuantile(numerator.slice(0, n));
  const bottom = createPooledQuantile(denominator.slice(0, n));
  return bootstrapInterval(n, (picks) => top(picks, q) / bottom(picks, q), { level });
}

/**
 * The median of per-repetition ratios: repetition i of each series ran back to back (the same stopped
 * workers, the same moment's load), so each ratio cancels what the two shared; resampled by repetition.
 */
export function pairedMedianRatio(numerator: number[], denominator: number[], level = 0.95): Interval {
  const n = Math.min(numerator.length, denominator.length);
  const ratio = createPooledQuantile(numerator.slice(0, n).map((x, i) => [x / denominator[i]!]));
  return bootstrapInterval(n, (picks) => ratio(picks, 0.5), { level });
}

/** (median bearer penalty − median passthrough penalty) ÷ median token round trip, per repetition. */
export function coldStartRatio(r: ColdStartResult, level = 0.95): Interval {
  const n = r.reps;
  const one = (xs: number[]) => createPooledQuantile(xs.map((x) => [x]));
  const bearer = one(r.byContender.bearer!.penalty);
  const passthrough = one(r.byContender.passthrough!.penalty);
  const token = createPooledQuantile(r.tokenRoundTrips);
  return bootstrapInterval(n, (picks) => (bearer(picks, 0.5) - passthrough(picks, 0.5)) / token(picks, 0.5), {
    level,
  });
}

const singles = (xs: number[]) => xs.map((x) => [x]);
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** An interval as the results file keeps it: estimate and bounds to three decimals. */
export const roundedRatio = (i: Interval): { ratio: number; low: number; high: number } => ({
  ratio: round3(i.estimate),
  low: round3(i.low),
  high: round3(i.high),
});

function verdictOf(figure: FigureName, interval: Interval): FigureVerdict {
  const { target, versus } = TARGETS[figure];
  return {
    figure,
    contender: 'bearer',
    versus,
    ...roundedRatio(interval),
    target,
    verdict: judge(interval, target),
    blocks: interval.blocks,
  };
}

export interface FigureInput {
  /** Latency blocks by kind and contender (LatencySampler.blocks). */
  latency?: Record<'sequential' | 'concurrent', Record<string, number[][]>>;
  coldStart?: ColdStartResult;
  firstCall?: FirstCallResult;
  afterInteraction?: AfterInteractionResult;
  nonApi?: NonApiResult;
}

/**
 * Every figure the input has data for, in FIGURES order, judged on intervals at `level` (0.95 for the
 * verdicts; the bench's early-stopping check asks for STOP_LEVEL, stats/judge.ts).
 */
export function figureVerdicts(input: FigureInput, level = 0.95): FigureVerdict[] {
  const out: FigureVerdict[] = [];
  const { latency, coldStart, firstCall, afterInteraction, nonApi } = input;
  if (latency) {
    for (const kind of ['sequential', 'concurrent'] as const) {
      const { bearer, passthrough } = latency[kind];
      if (!bearer?.length || !passthrough?.length) continue;
      out.push(verdictOf(`${kind}-median`, quantileRatio(bearer, passthrough, 0.5, level)));
      out.push(verdictOf(`${kind}-p95`, quantileRatio(bearer, passthrough, 0.95, level)));
    }
  }
  if (coldStart) out.push(verdictOf('cold-start-penalty', coldStartRatio(coldStart, level)));
  if (firstCall) {
    const { bearer, passthrough } = firstCall.byContender;
    out.push(verdictOf('first-call-after-load', pairedMedianRatio(bearer!.cold, passthrough!.cold, level)));
  }
  if (afterInteraction) {
    const { bearer, passthrough } = afterInteraction.byContender;
    out.push(verdictOf('call-after-interaction', pairedMedianRatio(bearer!.ms, passthrough!.ms, level)));
  }
  if (nonApi) {
    for (const target of ['same-origin', 'third-party'] as const) {
      const cells = nonApi.byTarget[target];
      if (!cells) continue;
      const { bearer, none, 'one-rule': oneRule } = cells;
      if (bearer!.cold.length && oneRule?.cold.length)
        out.push(
          verdictOf(
            `non-api-stopped-${target}`,
            quantileRatio(singles(bearer!.cold), singles(oneRule.cold), 0.5, level),
          ),
        );
      else if (!bearer!.cold.length) {
        // Three warm requests per repetition: one block each.
        const blocks = (xs: number[]) => Array.from({ length: xs.length / 3 }, (_, i) => xs.slice(3 * i, 3 * i + 3));
        out.push(
          verdictOf(`non-api-running-${target}`, quantileRatio(blocks(bearer!.warm), blocks(none!.warm), 0.5, level)),
        );
      }
    }
  }
  return out;
}

/**
 * The figures of `input` still worth more blocks, judged at 95 %: those a STOP_LEVEL interval does not
 * decide yet and whose 95 % interval is wider than ±`halfWidth` (stats/judge.ts).
 */
export function undecidedFigures(input: FigureInput, halfWidth: number): FigureVerdict[] {
  const strict = figureVerdicts(input, STOP_LEVEL);
  return figureVerdicts(input).filter((v, i) => worthMore(strict[i]!, v, v.target, halfWidth));
}
