// bearer-worker against the least a worker that adds the token can do (the `inject` contender,
// build-bench-scripts.ts), and that floor against the passthrough: how much of each latency ratio is
// bearer-worker's own code, and how much any worker pays for adding a header. Not judged: the verdicts
// stay against the passthrough ; this says which part of them a change to bearer-worker can move.
import { quantileRatio, roundedRatio } from './figure-verdicts.js';

export interface FloorRatio {
  ratio: number;
  low: number;
  high: number;
}

export interface InjectFloorRow {
  figure: 'sequential-median' | 'sequential-p95' | 'concurrent-median' | 'concurrent-p95';
  /** bearer-worker ÷ inject, with its 95 % interval. */
  bearerVsInject: FloorRatio;
  /** inject ÷ passthrough, with its 95 % interval. */
  injectVsPassthrough: FloorRatio;
  /** Blocks (rounds or bursts) the three contenders ran back to back. */
  blocks: number;
}

/** The rows for the latency blocks of a run that had the inject contender (none without it). */
export function injectFloor(
  latency: Record<'sequential' | 'concurrent', Record<string, number[][]>>,
): InjectFloorRow[] {
  const rows: InjectFloorRow[] = [];
  for (const kind of ['sequential', 'concurrent'] as const) {
    const { bearer, inject, passthrough } = latency[kind];
    if (!bearer?.length || !inject?.length || !passthrough?.length) continue;
    for (const [q, name] of [
      [0.5, 'median'],
      [0.95, 'p95'],
    ] as const) {
      const interval = (a: number[][], b: number[][]): FloorRatio => roundedRatio(quantileRatio(a, b, q));
      rows.push({
        figure: `${kind}-${name}`,
        bearerVsInject: interval(bearer, inject),
        injectVsPassthrough: interval(inject, passthrough),
        blocks: Math.min(bearer.length, inject.length, passthrough.length),
      });
    }
  }
  return rows;
}
