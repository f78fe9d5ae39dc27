import { expect, test } from 'vitest';
import { injectFloor } from './inject-floor.js';
import { seededRandom } from './stats/seeded-random.js';

const blocks = (seed: number, n = 12, size = 40) => {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, b) => Array.from({ length: size }, () => 5 + b + 3 * random()));
};
const times = (k: number, xs: number[][]) => xs.map((b) => b.map((x) => k * x));

test('splits a ratio over the passthrough into the floor and bearer-worker over the floor', () => {
  const passthrough = blocks(1);
  const inject = times(1.04, passthrough);
  const bearer = times(1.01, inject);
  const rows = injectFloor({
    sequential: { passthrough, inject, bearer },
    concurrent: { passthrough, inject, bearer },
  });
  expect(rows.map((r) => r.figure)).toEqual([
    'sequential-median',
    'sequential-p95',
    'concurrent-median',
    'concurrent-p95',
  ]);
  for (const r of rows) {
    expect(r.bearerVsInject).toEqual({ ratio: 1.01, low: 1.01, high: 1.01 });
    expect(r.injectVsPassthrough).toEqual({ ratio: 1.04, low: 1.04, high: 1.04 });
    expect(r.blocks).toBe(12);
  }
});

test('noisy blocks give an interval around the estimate; only the blocks all three ran count', () => {
  const passthrough = blocks(2, 20);
  const inject = blocks(3, 14);
  const bearer = blocks(4, 14);
  const [median] = injectFloor({ sequential: { passthrough, inject, bearer }, concurrent: {} });
  expect(median!.blocks).toBe(14);
  expect(median!.bearerVsInject.low).toBeLessThan(median!.bearerVsInject.ratio);
  expect(median!.bearerVsInject.high).toBeGreaterThan(median!.bearerVsInject.ratio);
});

test('a run without the inject contender has no rows', () => {
  const passthrough = blocks(5);
  expect(injectFloor({ sequential: { passthrough, bearer: passthrough }, concurrent: {} })).toEqual([]);
});
