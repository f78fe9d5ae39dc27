import { expect, test } from 'vitest';
import type { BenchTab } from './bench-tab.js';
import { LatencySampler, type LatencyPlan } from './latency-sampler.js';
import type { BenchStack } from './start-bench-stack.js';

type Name = 'floor' | 'passthrough' | 'bearer';

/** Fake tabs that log every call (`sequential:<n>`, `concurrent:<n>`) and the settles between them. */
function setup(plan: LatencyPlan) {
  const log: string[] = [];
  const tab = (name: Name): BenchTab =>
    ({
      evaluate: async (fn: (n: number) => unknown, n: number) => {
        if (/lastBurst/.test(String(fn))) return { issueMs: 7, totalMs: 9, perCall: { median: 4, p95: 5, n: 40 } };
        const kind = /concurrent/.test(String(fn)) ? 'concurrent' : 'sequential';
        log.push(`${name} ${kind}:${n}`);
        return Array.from({ length: n }, () => 1);
      },
    }) as unknown as BenchTab;
  const tabs = { floor: tab('floor'), passthrough: tab('passthrough'), bearer: tab('bearer') };
  const stack = { authCalls: () => ({}) } as unknown as BenchStack;
  const sampler = new LatencySampler(tabs, stack, plan, async () => void log.push('settle'));
  return { log, sampler };
}

const plan: LatencyPlan = { warmup: 5, rounds: 1, sequential: 3, concurrentRounds: 2, concurrent: 40 };

test('every timed burst, and only a burst, comes right after the settle (a clean heap: collect-garbage.ts)', async () => {
  const { log, sampler } = setup(plan);
  await sampler.run();
  await sampler.more('concurrent', ['passthrough', 'bearer'], 2);
  await sampler.more('sequential', ['passthrough', 'bearer'], 1);
  const timedBursts = log.map((x, i) => [x, i] as const).filter(([x, i]) => x.endsWith(':40') && i > 5);
  // 2 rounds × 3 contenders, then 2 × 2 more.
  expect(timedBursts).toHaveLength(10);
  for (const [, i] of timedBursts) expect(log[i - 1]).toBe('settle');
  expect(log.filter((x) => x === 'settle')).toHaveLength(10);
  expect(sampler.blocks.concurrent.bearer).toHaveLength(4);
  expect(sampler.blocks.sequential.bearer).toHaveLength(2);
  // Each burst keeps its page's issue time and its per-call clock (not judged) beside its figures.
  expect(sampler.result().roundSummaries.concurrent.bearer).toEqual(
    Array(4).fill({ median: 1, p95: 1, load: expect.any(Number), issueMs: 7, perCallMedian: 4 }),
  );
  expect(sampler.result().roundSummaries.sequential.bearer[0]).not.toHaveProperty('issueMs');
});

test("the first contender's warm-up is a whole burst, so every burst URL's preflight is cached before timing", async () => {
  const { log, sampler } = setup(plan);
  await sampler.run();
  expect(log.slice(0, 6)).toEqual([
    'floor sequential:5',
    'floor concurrent:40',
    'passthrough sequential:5',
    'passthrough concurrent:5',
    'bearer sequential:5',
    'bearer concurrent:5',
  ]);
});

test('added rounds put every contender first, in the middle and last equally often (Williams order)', async () => {
  const { log, sampler } = setup(plan);
  await sampler.run();
  const from = log.length;
  await sampler.more('sequential', ['floor', 'passthrough', 'bearer'], 6);
  const timed = log.slice(from).filter((x) => x.endsWith(':3'));
  expect(timed).toHaveLength(18);
  for (const name of ['floor', 'passthrough', 'bearer']) {
    const places = [0, 1, 2].map((p) => timed.filter((x, i) => i % 3 === p && x.startsWith(`${name} `)).length);
    expect(places).toEqual([2, 2, 2]);
  }
});
