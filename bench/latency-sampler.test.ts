import { expect, test } from 'vitest';
import type { BenchTab } from './bench-tab.js';
import { LatencySampler, order, type LatencyPlan } from './latency-sampler.js';
import type { BenchStack } from './start-bench-stack.js';

type Name = 'floor' | 'passthrough' | 'bearer';

/**
 * Fake tabs that log every call (`sequential:<n>`, `concurrent:<n>`) and the settles between them; with
 * `hosted`, a host page too, that logs the rows it interleaves (`host <names>:<n>`) and answers each
 * contender with latencies of its own (bearer 2, the others 1).
 */
function setup(plan: LatencyPlan, hosted = false) {
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
  const host = {
    evaluate: async (fn: unknown, arg?: [Name[], number]) => {
      if (!arg) return void log.push(/closeFrames/.test(String(fn)) ? 'host close' : `host ${String(fn)}`);
      const [names, n] = arg;
      log.push(`host ${names.join(',')}:${n}`);
      return Object.fromEntries(names.map((c) => [c, Array.from({ length: n }, () => (c === 'bearer' ? 2 : 1))]));
    },
  } as unknown as BenchTab;
  const sampler = new LatencySampler(tabs, stack, plan, async () => void log.push('settle'), hosted ? host : undefined);
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

test('with a host page, every sequential round interleaves the contenders in its frames, closed before other phases', async () => {
  const { log, sampler: hosted } = setup({ ...plan, rounds: 2 }, true);
  await hosted.run();
  // Warmed up through the host (unrecorded), then two rounds in two different orders; no tab ran a timed sequential round.
  expect(log.filter((x) => x.startsWith('host '))).toEqual([
    'host floor,passthrough,bearer:5',
    `host ${order(['floor', 'passthrough', 'bearer'], 0).join(',')}:3`,
    `host ${order(['floor', 'passthrough', 'bearer'], 1).join(',')}:3`,
    // Its frames gone before the bursts, which run on a page per contender.
    'host close',
  ]);
  expect(log.indexOf('host close')).toBeLessThan(log.indexOf('settle'));
  expect(log.filter((x) => x.endsWith('sequential:3'))).toEqual([]);
  expect(hosted.blocks.sequential.bearer).toEqual([
    [2, 2, 2],
    [2, 2, 2],
  ]);
  expect(hosted.blocks.sequential.floor).toEqual([
    [1, 1, 1],
    [1, 1, 1],
  ]);
  await hosted.more('sequential', ['passthrough', 'bearer'], 1);
  expect(log.slice(-2)).toEqual([
    'host passthrough,bearer:10',
    `host ${order(['passthrough', 'bearer'], 2).join(',')}:3`,
  ]);
  // The added rounds keep the frames for their next step; the caller closes them when it is done.
  await hosted.closeFrames();
  expect(log.at(-1)).toBe('host close');
  expect(hosted.blocks.sequential.bearer).toHaveLength(3);
  expect(hosted.blocks.sequential.floor).toHaveLength(2);
});
