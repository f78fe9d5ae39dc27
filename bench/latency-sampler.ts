// Latency of the same GET for every contender, in rounds that alternate the contenders (a different
// order each round), so machine noise lands on all of them alike. With a host page, a sequential round
// interleaves the contenders call by call, in frames of that one page (bench-page.ts `interleaved`).
// Every round is kept as a block: the intervals resample rounds (bursts), not single requests, since
// requests of one round share the machine's state. Rounds can be added later for the contenders a verdict needs. Auth calls are
// counted per contender.
import { loadavg } from 'node:os';
import type { BenchTab } from './bench-tab.js';
import type { Contender } from './contenders.js';
import type { AuthCalls, BenchStack } from './start-bench-stack.js';
import { order } from './balanced-order.js';
import { summarize, type Summary } from './summarize.js';

export { order };

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
  readonly #host: BenchTab | undefined;

  /**
   * `settle` runs before every burst (run.ts: collect-garbage.ts, then `pause`). With `host`, sequential rounds
   * run there, every contender's page in a frame of it, their calls interleaved one by one: 25 calls of one
   * contender and then 25 of the next let whatever the machine did in those 0.1 s land on one of them (a
   * round's ratio then moved by a few per cent, and a run's by one or two).
   */
  constructor(
    tabs: Record<C, BenchTab>,
    stack: BenchStack,
    plan: LatencyPlan,
    settle = () => pause(),
    host?: BenchTab,
  ) {
    this.#tabs = tabs;
    this.#settle = settle;
    this.#host = host;
    this.#stack = stack;
    this.#plan = plan;
    this.#contenders = Object.keys(tabs) as C[];
    const per = <T>(f: () => T) => Object.fromEntries(this.#contenders.map((c) => [c, f()])) as Record<C, T>;
    this.blocks = { sequential: per(() => []), concurrent: per(() => []) };
    this.#calls = per(() => ({ token: 0, getSession: 0, requests: 0 }));
    this.#summaries = { sequential: per(() => []), concurrent: per(() => []) };
  }

  async #round(kind: LatencyKind, c: C, n: number): Promise<void> {
    const before = this.#stack.authCalls();
    const tab = this.#tabs[c];
    const out =
      kind === 'sequential'
        ? await tab.evaluate((k) => window.bench.sequential(k), n)
        : await tab.evaluate((k) => window.bench.concurrent(k), n);
    await this.#record(kind, c, out, before);
  }

  /** One sequential round: `row`'s calls interleaved in the host page's frames, or one contender after another. */
  async #sequentialRound(row: C[], n: number): Promise<void> {
    if (!this.#host) {
      for (const c of row) await this.#round('sequential', c, n);
      return;
    }
    const before = this.#stack.authCalls();
    const out = await this.#host.evaluate(([names, k]) => window.bench.interleaved(names, k), [row, n] as const);
    for (const c of row) await this.#record('sequential', c, out[c]!, before);
  }

  /** Sequential calls that wake the workers and warm them up, unrecorded. */
  async #warm(contenders: C[], n: number): Promise<void> {
    if (this.#host)
      await this.#host.evaluate(([names, k]) => window.bench.interleaved(names, k), [contenders, n] as const);
    else for (const c of contenders) await this.#tabs[c].evaluate((k) => window.bench.sequential(k), n);
  }

  async #record(kind: LatencyKind, c: C, out: number[], before: Record<string, AuthCalls>): Promise<void> {
    const was = before[c] ?? { token: 0, getSession: 0 };
    const after = this.#stack.authCalls()[c] ?? { token: 0, getSession: 0 };
    const tab = this.#tabs[c];
    const calls = this.#calls[c];
    calls.token += after.token - was.token;
    calls.getSession += after.getSession - was.getSession;
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
    if (this.#host) await this.#warm(this.#contenders, plan.warmup);
    for (let r = 0; r < plan.rounds; r++) await this.#sequentialRound(order(this.#contenders, r), plan.sequential);
    await this.closeFrames();
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
    await this.#warm(contenders, 10);
    for (let r = 0; r < rounds; r++) {
      const row = order(contenders, this.blocks[kind][contenders[0]!].length);
      if (kind === 'sequential') await this.#sequentialRound(row, size);
      else
        for (const c of row) {
          await this.#settle();
          await this.#round(kind, c, size);
        }
    }
  }

  /**
   * The host's frames are clients of the contenders' workers: closed after the plan's rounds and after the
   * added sequential rounds (run.ts), so the other phases (bursts, stopped workers, page loads) run with a
   * page per contender only, as before frames. Not between steps of added rounds: every new frame is a page
   * load, and bearer-worker's page-load step runs its API route once more.
   */
  async closeFrames(): Promise<void> {
    await this.#host?.evaluate(() => window.bench.closeFrames());
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
