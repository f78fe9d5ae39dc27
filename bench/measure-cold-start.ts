// Cold start: the first API request after every worker was stopped, against warm ones just before, for
// the passthrough worker and bearer-worker in turn; and the yardstick, one token round trip (GET
// /api/auth/token from a page with no worker, three times per repetition).
import type { Page } from '@playwright/test';
import type { BenchStack } from './start-bench-stack.js';
import { summarize, type Summary } from './summarize.js';
import type { WorkerWatch } from './worker-watch.js';

export interface ColdStartResult {
  reps: number;
  tokenRoundTrip: Summary;
  /** By contender: warm request (median of 5 before each stop), first request after the stop, and the difference. */
  byContender: Record<string, { warm: Summary; cold: Summary; penalty: Summary; tokenFetchesPerColdStart: number }>;
}

export async function measureColdStart(
  noWorker: Page,
  workers: Record<'passthrough' | 'bearer', Page>,
  watch: WorkerWatch,
  stack: BenchStack,
  reps: number,
): Promise<ColdStartResult> {
  const token: number[] = [];
  const names = Object.keys(workers) as Array<keyof typeof workers>;
  const raw = Object.fromEntries(
    names.map((c) => [c, { warm: [] as number[], cold: [] as number[], penalty: [] as number[], tokens: 0 }]),
  );
  for (let r = 0; r < reps; r++) {
    // The yardstick is taken between the cold starts, not before them all, so drift hits both alike.
    for (let i = 0; i < 3; i++) token.push(await noWorker.evaluate(() => window.bench.probe('/api/auth/token')));
    for (const c of r % 2 ? [...names].reverse() : names) {
      const page = workers[c];
      const warm = summarize(await page.evaluate(() => window.bench.sequential(5))).median;
      await watch.stopAll();
      const tokensBefore = stack.authCalls()[c]?.token ?? 0;
      const [cold] = await page.evaluate(() => window.bench.sequential(1));
      raw[c]!.tokens += (stack.authCalls()[c]?.token ?? 0) - tokensBefore;
      raw[c]!.warm.push(warm);
      raw[c]!.cold.push(cold!);
      raw[c]!.penalty.push(cold! - warm);
    }
  }
  return {
    reps,
    tokenRoundTrip: summarize(token),
    byContender: Object.fromEntries(
      names.map((c) => {
        const x = raw[c]!;
        return [
          c,
          {
            warm: summarize(x.warm),
            cold: summarize(x.cold),
            penalty: summarize(x.penalty),
            tokenFetchesPerColdStart: x.tokens / reps,
          },
        ];
      }),
    ),
  };
}
