// Latency of the same GET for every contender, in rounds that alternate the contenders (a different
// order each round), so machine noise lands on all of them alike. Auth calls are counted per contender.
import type { Page } from '@playwright/test';
import type { Contender } from './contenders.js';
import type { AuthCalls, BenchStack } from './start-bench-stack.js';
import { summarize, type Summary } from './summarize.js';

export interface LatencyPlan {
  warmup: number;
  rounds: number;
  /** Sequential GETs per contender per round. */
  sequential: number;
  concurrentRounds: number;
  /** GETs fired together (Promise.all) per contender per concurrent round. */
  concurrent: number;
}

export interface LatencyResult {
  plan: LatencyPlan;
  sequential: Record<Contender, Summary>;
  concurrent: Record<Contender, Summary>;
  /** Token-endpoint and get-session calls per 1000 measured GETs (warm-up excluded). */
  per1000: Record<Contender, AuthCalls>;
}

/**
 * Round `r` of a balanced (Williams) order: over 2n rounds every contender runs right after every other
 * one equally often, so the load a heavy contender leaves behind (the seed's token storms) lands on all.
 */
function order<T>(list: readonly T[], r: number): T[] {
  const n = list.length;
  const first = Array.from({ length: n }, (_, i) => (i % 2 ? (i + 1) / 2 : (n - i / 2) % n));
  const row = first.map((x) => list[(x + r) % n]!);
  return Math.floor(r / n) % 2 ? row.reverse() : row;
}
// Too few concurrent rounds for a whole design: with CONTENDERS' order, rows 0, 1 and 4 have floor,
// passthrough and bearer-worker each run once first, once after a seed client and once after a light one.
const CONCURRENT_ROWS = [0, 1, 4, 6, 8, 9];
const settle = () => new Promise((r) => setTimeout(r, 500));

export async function measureLatency(
  pages: Record<Contender, Page>,
  stack: BenchStack,
  plan: LatencyPlan,
): Promise<LatencyResult> {
  const contenders = Object.keys(pages) as Contender[];
  const seq = Object.fromEntries(contenders.map((c) => [c, [] as number[]])) as Record<Contender, number[]>;
  const con = Object.fromEntries(contenders.map((c) => [c, [] as number[]])) as Record<Contender, number[]>;
  const calls = Object.fromEntries(contenders.map((c) => [c, { token: 0, getSession: 0 }])) as Record<
    Contender,
    AuthCalls
  >;

  const counted = async <T>(c: Contender, run: () => Promise<T>): Promise<T> => {
    const before = stack.authCalls()[c] ?? { token: 0, getSession: 0 };
    const out = await run();
    const after = stack.authCalls()[c] ?? { token: 0, getSession: 0 };
    calls[c].token += after.token - before.token;
    calls[c].getSession += after.getSession - before.getSession;
    return out;
  };

  for (const c of contenders) {
    await pages[c].evaluate((n) => window.bench.sequential(n), plan.warmup);
    await pages[c].evaluate((n) => window.bench.concurrent(n), plan.warmup);
  }
  for (let r = 0; r < plan.rounds; r++) {
    for (const c of order(contenders, r))
      seq[c].push(...(await counted(c, () => pages[c].evaluate((n) => window.bench.sequential(n), plan.sequential))));
  }
  for (let r = 0; r < plan.concurrentRounds; r++) {
    for (const c of order(contenders, CONCURRENT_ROWS[r % CONCURRENT_ROWS.length]!)) {
      await settle();
      con[c].push(...(await counted(c, () => pages[c].evaluate((n) => window.bench.concurrent(n), plan.concurrent))));
    }
  }

  const requests = plan.rounds * plan.sequential + plan.concurrentRounds * plan.concurrent;
  const per1000 = (n: number) => Math.round((n * 1000 * 10) / requests) / 10;
  const map = <T>(f: (c: Contender) => T) =>
    Object.fromEntries(contenders.map((c) => [c, f(c)])) as Record<Contender, T>;
  return {
    plan,
    sequential: map((c) => summarize(seq[c])),
    concurrent: map((c) => summarize(con[c])),
    per1000: map((c) => ({ token: per1000(calls[c].token), getSession: per1000(calls[c].getSession) })),
  };
}
