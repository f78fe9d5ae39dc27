// The bursts on the per-call clock, for comparison only. The judged figures time each call of a burst from
// the burst's start (bench-page.ts); on a per-call clock, from its own fetch(), a call issued later waits
// in less of the queue, so the page that is slower to issue 1000 calls looks faster. Not judged.
import { pairedMedianRatio, roundedRatio } from './figure-verdicts.js';
import type { FloorRatio } from './inject-floor.js';
import type { RoundSummary } from './latency-sampler.js';

export interface PerCallClock {
  /** Median over bursts of bearer-worker's per-call median ÷ the passthrough's, with its 95 % interval. */
  medianRatio: FloorRatio;
  /** Mean time each page took to issue a burst's calls (ms). */
  issueMs: { passthrough: number; bearer: number };
  /** Burst pairs (the passthrough's and bearer-worker's, back to back). */
  blocks: number;
}

/** From the run's burst summaries; null when they do not carry the per-call clock. */
export function perCallClock(bursts: Record<string, RoundSummary[]>): PerCallClock | null {
  const pairs = Math.min(bursts.passthrough?.length ?? 0, bursts.bearer?.length ?? 0);
  const p = bursts.passthrough?.slice(0, pairs) ?? [];
  const b = bursts.bearer?.slice(0, pairs) ?? [];
  if (!pairs || [...p, ...b].some((s) => s.perCallMedian === undefined || s.issueMs === undefined)) return null;
  const i = pairedMedianRatio(
    b.map((s) => s.perCallMedian!),
    p.map((s) => s.perCallMedian!),
  );
  const mean = (xs: RoundSummary[]) => Math.round(xs.reduce((t, s) => t + s.issueMs!, 0) / xs.length);
  return {
    medianRatio: roundedRatio(i),
    issueMs: { passthrough: mean(p), bearer: mean(b) },
    blocks: pairs,
  };
}
