// How much the bench measures: the full plan (`npm run bench`, 15–29 minutes on 2 cores) and a quick one
// (BENCH_QUICK=1, ~1.5 minutes) for checking the harness itself; quick figures decide nothing.
import type { FirefoxPlan } from './run-firefox.js';
import type { LatencyPlan } from './latency-sampler.js';
import type { LifetimePlan } from './measure-lifetime.js';

export interface BenchPlan {
  quick: boolean;
  latency: LatencyPlan;
  /**
   * Verdicts still undecided and wider than ± this get more blocks, up to the caps below: tight where blocks
   * are cheap (a sequential round, a first call), looser for 1000-request bursts (seconds each).
   */
  halfWidth: { sequential: number; concurrent: number; firstCall: number };
  maxSequentialRounds: number;
  maxConcurrentRounds: number;
  /** Cold first calls (passthrough and bearer-worker only) added while `first-call-after-load` is undecided. */
  maxFirstCallReps: number;
  /**
   * More bursts come after the other Chromium phases, and only until this many seconds into the run,
   * so the whole run (Firefox after them) stays under ~29 minutes.
   */
  extendUntilSeconds: number;
  coldStartReps: number;
  /**
   * Clicks after a stop (measure-after-interaction.ts), more while `call-after-interaction` is undecided,
   * up to the cap. A page hints once per 25 s, so clicks go round `interactionPages` bearer-worker pages:
   * with 4, a click every ~6.5 s.
   */
  interactionReps: number;
  maxInteractionReps: number;
  interactionPages: number;
  firstCallReps: number;
  nonApiReps: number;
  lifetime: LifetimePlan;
  /** null: no Firefox figures (BENCH_SKIP_FIREFOX=1). */
  firefox: FirefoxPlan | null;
}

export function benchPlan(env: Record<string, string | undefined> = process.env): BenchPlan {
  const quick = env.BENCH_QUICK === '1';
  const firefox = env.BENCH_SKIP_FIREFOX === '1';
  if (quick)
    return {
      quick,
      latency: { warmup: 10, rounds: 6, sequential: 10, concurrentRounds: 2, concurrent: 200 },
      halfWidth: { sequential: 0.05, concurrent: 0.05, firstCall: 0.05 },
      maxSequentialRounds: 10,
      maxConcurrentRounds: 4,
      maxFirstCallReps: 8,
      extendUntilSeconds: 100,
      coldStartReps: 4,
      interactionReps: 2,
      maxInteractionReps: 2,
      interactionPages: 2,
      firstCallReps: 4,
      nonApiReps: 4,
      lifetime: { ttlSeconds: 10, lifetimes: 1, tabs: [1, 2], warmupMs: 2000, pauseMs: 100 },
      firefox: firefox
        ? null
        : {
            latency: { warmup: 10, rounds: 4, sequential: 10, concurrentRounds: 0, concurrent: 0 },
            maxSequentialRounds: 6,
            firstCallReps: 3,
            nonApiReps: 3,
          },
    };
  return {
    quick,
    // A 1000-GET burst is one sample of the machine's state, whatever its 1000 latencies: the intervals
    // resample bursts, and undecided verdicts get more of them (passthrough and bearer-worker only).
    latency: {
      warmup: 50,
      rounds: 30,
      sequential: 25,
      concurrentRounds: 8,
      concurrentRoundsWithSeeds: 3,
      concurrent: 1000,
    },
    // Sequential rounds to the cap while undecided (±0.01 is about what 400 interleaved rounds give the median;
    // the p95 stays wider): ~0.45 s a round, so a third run that stopped at ±0.0195 with its p95 undecided
    // would have cost 40 s more.
    halfWidth: { sequential: 0.01, concurrent: 0.02, firstCall: 0.02 },
    maxSequentialRounds: 400,
    // With no early stop on a lucky look (stats/judge.ts), undecided figures run to these caps or the
    // deadline: 240 bursts would bring a 1000-request burst's median to about ±0.02 (88 gave ±0.035), 240 cold
    // pairs a first call's to about ±0.03, 400 sequential rounds a p95's to about ±0.035. Undecided, a run
    // takes ~28 minutes. Added bursts shared three ways (with the inject floor) left 40–60 of them by 1380–1560
    // s and ±0.08–0.10 at the concurrent p95; the passthrough and bearer-worker alone got some 80 by 1560 s
    // while every settle waited 2 s on a stopped worker (collect-garbage.ts), more without that wait.
    maxConcurrentRounds: 240,
    maxFirstCallReps: 240,
    extendUntilSeconds: 1560,
    coldStartReps: 25,
    // The wait between clicks (each page hints once per 25 s at most) makes these the run's dearest blocks:
    // 20 take ~2.2 minutes over 4 pages, the cap ~4.4.
    interactionReps: 20,
    maxInteractionReps: 40,
    interactionPages: 4,
    firstCallReps: 40,
    // Differences here are below a millisecond: 21 samples per cell keep the median steady.
    nonApiReps: 21,
    lifetime: { ttlSeconds: 10, lifetimes: 2, tabs: [1, 5], warmupMs: 2000, pauseMs: 100 },
    firefox: firefox
      ? null
      : {
          latency: { warmup: 30, rounds: 16, sequential: 25, concurrentRounds: 0, concurrent: 0 },
          maxSequentialRounds: 32,
          firstCallReps: 8,
          nonApiReps: 15,
        },
  };
}
