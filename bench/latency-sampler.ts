// Latency of the same GET for every contender, in rounds that alternate the contenders (a different
// order each round), so machine noise lands on all of them alike. Every round is kept as a block: the
// intervals resample rounds (bursts), not single requests, since requests of one round share the
// machine's state. Rounds can be added later for the contenders a verdict needs. Auth calls are
// counted per contender.
import { loadavg } from 'node:os';
import type { BenchTab } from './bench-tab.js';
import type { Contender } from './contenders.js';
import type { AuthCalls, BenchStack } from './start-bench-stack.js';
import { summarize, type Summary } from './summarize.js';

export interface LatencyPlan {
  warmup: number;
  rounds: number;
  /** Sequential GETs per contender per round. */
  sequential: number;
  concurrentRounds: number;
  /**
   * Concurrent rounds that include the seed clients (the first ones); the rest run floor, passthrough and
   * bearer-worker only. The seeds' bursts are informative, not judged, and take 3–4× as long.
   */
  concurrentRoundsWithSeeds?: number;
  /** GETs fired together (Promise.all) per contender per concurrent round. */
  concurrent: number;
}

export type LatencyKind = 'sequential' | 'concurrent';

export interface LatencyResult<C extends Contender = Contender> {
  plan: LatencyPlan;
  /** Rounds run per contender, the plan's and any added for a verdict. */
  rounds: Record<LatencyKind, Record<C, number>>;
  sequential: Record<C, Summary>;
  concurrent: Record<C, Summary>;
  /** Token-endpoint and get-session calls per 1000 measured GETs (warm-up excluded). */
  per1000: Record<C, AuthCalls>;
  /**
   * Every round in the order it ran: its median and p95 (ms), and the 1-minute load average then; a burst
   * also has how long its page took to issue the calls and its median on the per-call clock (bench-page.ts).
   */
  roundSummaries: Record<LatencyKind, Record<C, RoundSummary[]>>;
}

export interface RoundSummary {
  median: number;
  p95: number;
  load: number;
  issueMs?: number;
  perCallMedian?: number;
}

/**
 * Round `r` of a balanced (Williams) order: over 2n rounds every contender runs right after every other
 * one equally often, so the load a heavy contender leaves behind (the seed's token storms) lands on all.
 */
export function order<T>(list: readonly T[], r: number): T[] {
  const n = list.length;
  const first = Array.from({ length: n }, (_, i) => (i % 2 ? (i + 1) / 2 : (n - i / 2) % n));
  const row = first.map((x) => list[(x + r) % n]!);
  return Math.floor(r / n) % 2 ? row.reverse() : row;
}
// Too few concurrent rounds with the seeds for a whole design: with CONTENDERS' order, rows 0, 1 and 5 have
// passthrough, the inject floor and bearer-worker run first, after a seed client or after a light one, two of
// the three each (no three rows give all three to all three).
const CONCURRENT_ROWS = [0, 1, 5];
/** What runs before every burst when the caller has nothing better: a pause for the last one's tail. */
export const pause = (ms = 500) => new Promise<void>((r) => setTimeout(r, ms));

export class LatencySampler<C extends Contender = Contender> {
  /** By kind and contender: one array of latencies (ms) per round. */
  readonly blocks: Record<LatencyKind, Record<C, number[][]>>;
  readonly #tabs: Record<C, BenchTab>;
  readonly #stack: BenchStack;
  readonly #plan: LatencyPlan;
  readonly #calls: Record<C, AuthCalls & { requests: number }>;
  readonly #contenders: C[];
  readonly #summaries: LatencyResult<C>['roundSummaries'];
  readonly #settle: () => Promise<void>;

  /** `settle` runs before every burst (run.ts: collect-garbage.ts, then `pause`). */
  constructor(tabs: Record<C, BenchTab>, stack: BenchStack, plan: LatencyPlan, settle = () => pause()) {
    this.#tabs = tabs;
    this.#settle = settle;
    this.#stack = stack;
    this.#plan = plan;
    this.#contenders = Object.keys(tabs) as C[];
    const per = <T>(f: () => T) => Object.fromEntries(this.#contenders.map((c) => [c, f()])) as Record<C, T>;
    this.blocks = { sequential: per(() => []), concurrent: per(() => []) };
    this.#calls = per(() => ({ token: 0, getSession: 0, requests: 0 }));
    this.#summaries = { sequential: per(() => []), concurrent: per(() => []) };
  }

  async #round(kind: LatencyKind, c: C, n: number): Promise<void> {
    const before = this.#stack.authCalls()[c] ?? { token: 0, getSession: 0 };
    const tab = this.#tabs[c];
    const out =
      kind === 'sequential'
        ? await tab.evaluate((k) => window.bench.sequential(k), n)
        : await tab.evaluate((k) => window.bench.concurrent(k), n);
    const after = this.#stack.authCalls()[c] ?? { token: 0, getSession: 0 };
    const calls = this.#calls[c];
    calls.token += after.token - before.token;
    calls.getSession += after.getSession - before.getSession;
    calls.requests += out.length;
    this.blocks[kind][c].push(out);
    const { median, p95 } = summarize(out);
    const summary: RoundSummary = { median, p95, load: Math.round(loadavg()[0]! * 100) / 100 };
    if (kind === 'concurrent') {
      const burst = await tab.evaluate(() => window.bench.lastBurst());
      summary.issueMs = burst.issueMs;
      summary.perCallMedian = burst.perCall.median;
    }
    this.#summaries[kind][c].push(summary);
  }

  /** Warm-up, then the plan's rounds for every contender. */
  async run(): Promise<void> {
    const plan = this.#plan;
    for (const c of this.#contenders) {
      await this.#tabs[c].evaluate((n) => window.bench.sequential(n), plan.warmup);
      // A burst's URLs are its own (`?i=<n>`), each with its preflight: the first contender's warm-up
      // caches them all (start-bench-stack.ts keeps them for the run), so no timed burst pays for them.
      const size = c === this.#contenders[0] ? plan.concurrent : plan.warmup;
      await this.#tabs[c].evaluate((n) => window.bench.concurrent(n), size);
    }
    for (let r = 0; r < plan.rounds; r++)
      for (const c of order(this.#contenders, r)) await this.#round('sequential', c, plan.sequential);
    const light = this.#contenders.filter((c) => !c.startsWith('seed'));
    const withSeeds = plan.concurrentRoundsWithSeeds ?? plan.concurrentRounds;
    for (let r = 0; r < plan.concurrentRounds; r++) {
      const round =
        r < withSeeds ? order(this.#contenders, CONCURRENT_ROWS[r % CONCURRENT_ROWS.length]!) : order(light, r);
      for (const c of round) {
        await this.#settle();
        await this.#round('concurrent', c, plan.concurrent);
      }
    }
  }

  /** `rounds` more rounds of `kind` for `contenders` only (after a warm-up), in a balanced order. */
  async more(kind: LatencyKind, contenders: C[], rounds: number): Promise<void> {
    const size = kind === 'sequential' ? this.#plan.sequential : this.#plan.concurrent;
    // The workers may have stopped since the last round: wake them, unrecorded.
    for (const c of contenders) await this.#tabs[c].evaluate((k) => window.bench.sequential(k), 10);
    for (let r = 0; r < rounds; r++) {
      for (const c of order(contenders, this.blocks[kind][contenders[0]!].length)) {
        if (kind === 'concurrent') await this.#settle();
        await this.#round(kind, c, size);
      }
    }
  }

  result(): LatencyResult<C> {
    const map = <T>(f: (c: C) => T) => Object.fromEntries(this.#contenders.map((c) => [c, f(c)])) as Record<C, T>;
    const per1000 = (n: number, requests: number) => Math.round((n * 1000 * 10) / Math.max(1, requests)) / 10;
    return {
      plan: this.#plan,
      rounds: {
        sequential: map((c) => this.blocks.sequential[c].length),
        concurrent: map((c) => this.blocks.concurrent[c].length),
      },
      sequential: map((c) => summarize(this.blocks.sequential[c].flat())),
      concurrent: map((c) => summarize(this.blocks.concurrent[c].flat())),
      roundSummaries: this.#summaries,
      per1000: map((c) => {
        const x = this.#calls[c];
        return { token: per1000(x.token, x.requests), getSession: per1000(x.getSession, x.requests) };
      }),
    };
  }
}
