// Cold start (an idle worker woken by an API call): the first API request after every worker was
// stopped, against warm ones just before, for the passthrough worker and bearer-worker in turn; and the
// yardstick, one token round trip (GET /api/auth/token from a page with no worker, three times per
// repetition).
import type { BenchTab } from './bench-tab.js';
import type { BenchStack } from './start-bench-stack.js';
import { summarize, type Summary } from './summarize.js';

interface ColdStartSamples {
  /** Per repetition: the median of 5 warm requests just before the stop (ms). */
  warm: number[];
  /** Per repetition: the first request after the stop (ms). */
  cold: number[];
  /** Per repetition: cold − warm (ms). */
  penalty: number[];
}

export interface ColdStartResult {
  reps: number;
  /** Per repetition, three token round trips (ms). */
  tokenRoundTrips: number[][];
  tokenRoundTrip: Summary;
  byContender: Record<
    string,
    ColdStartSamples & {
      warmSummary: Summary;
      coldSummary: Summary;
      penaltySummary: Summary;
      tokenFetchesPerColdStart: number;
    }
  >;
}

export async function measureColdStart(
  noWorker: BenchTab,
  workers: Record<'passthrough' | 'bearer', BenchTab>,
  stopAll: () => Promise<void>,
  stack: BenchStack,
  reps: number,
): Promise<ColdStartResult> {
  const token: number[][] = [];
  const names = Object.keys(workers) as Array<keyof typeof workers>;
  const raw = Object.fromEntries(
    names.map((c) => [c, { warm: [] as number[], cold: [] as number[], penalty: [] as number[], tokens: 0 }]),
  );
  for (let r = 0; r < reps; r++) {
    // The yardstick is taken between the cold starts, not before them all, so drift hits both alike.
    const trips: number[] = [];
    for (let i = 0; i < 3; i++) trips.push(await noWorker.evaluate(() => window.bench.probe('/api/auth/token')));
    token.push(trips);
    for (const c of r % 2 ? [...names].reverse() : names) {
      const tab = workers[c];
      const warm = summarize(await tab.evaluate(() => window.bench.sequential(5))).median;
      await stopAll();
      const tokensBefore = stack.authCalls()[c]?.token ?? 0;
      const [cold] = await tab.evaluate(() => window.bench.sequential(1));
      raw[c]!.tokens += (stack.authCalls()[c]?.token ?? 0) - tokensBefore;
      raw[c]!.warm.push(warm);
      raw[c]!.cold.push(cold!);
      raw[c]!.penalty.push(cold! - warm);
    }
  }
  return {
    reps,
    tokenRoundTrips: token,
    tokenRoundTrip: summarize(token.flat()),
    byContender: Object.fromEntries(
      names.map((c) => {
        const { tokens, ...x } = raw[c]!;
        return [
          c,
          {
            ...x,
            warmSummary: summarize(x.warm),
            coldSummary: summarize(x.cold),
            penaltySummary: summarize(x.penalty),
            tokenFetchesPerColdStart: tokens / reps,
          },
        ];
      }),
    ),
  };
}
