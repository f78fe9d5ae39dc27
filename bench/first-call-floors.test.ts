import { expect, test } from 'vitest';
import { firstCallFloors } from './first-call-floors.js';
import type { FirstCallResult } from './measure-first-call.js';
import { summarize } from './summarize.js';
import { seededRandom } from './stats/seeded-random.js';

const random = seededRandom(7);
const loads = (n: number) => Array.from({ length: n }, () => 6 + 2 * random());
const samples = (cold: number[]) => ({
  cold,
  warm: [],
  tokensCold: [],
  tokensWarm: [],
  coldSummary: summarize(cold),
  warmSummary: summarize([]),
  maxTokensPerLoad: 0,
  failed: 0,
});

test('splits the first call over the passthrough at each worker that leaves the page load alone', () => {
  const passthrough = loads(60);
  const floor = passthrough.map((x) => 1.08 * x);
  const result: FirstCallResult = {
    reps: 60,
    bootMs: 50,
    byContender: {
      passthrough: samples(passthrough),
      // Measured in the plan's 40 repetitions only: the 20 added pairs are the judged two.
      inject: samples(floor.slice(0, 40)),
      'api-passthrough': samples(floor.slice(0, 40)),
      bearer: samples(floor.map((x) => 1.01 * x)),
    },
  };
  const rows = firstCallFloors(result);
  expect(rows.map((r) => r.floor)).toEqual(['inject', 'api-passthrough']);
  for (const r of rows) {
    expect(r.bearerVsFloor).toEqual({ ratio: 1.01, low: 1.01, high: 1.01 });
    expect(r.floorVsPassthrough).toEqual({ ratio: 1.08, low: 1.08, high: 1.08 });
    expect(r.pairs).toBe(40);
  }
});

test('no rows for a run without those workers (Firefox, runs before them)', () => {
  const passthrough = loads(10);
  expect(
    firstCallFloors({
      reps: 10,
      bootMs: 50,
      byContender: { passthrough: samples(passthrough), bearer: samples(passthrough) },
    }),
  ).toEqual([]);
});
