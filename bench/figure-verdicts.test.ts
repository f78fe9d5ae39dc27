import { expect, test } from 'vitest';
import {
  coldStartRatio,
  figureVerdicts,
  pairedMedianRatio,
  quantileRatio,
  undecidedFigures,
} from './figure-verdicts.js';
import type { AfterInteractionResult } from './measure-after-interaction.js';
import type { FirstCallResult } from './measure-first-call.js';
import type { NonApiResult } from './measure-non-api.js';
import type { ColdStartResult } from './measure-cold-start.js';
import { seededRandom } from './stats/seeded-random.js';

const blocks = (seed: number, scale: number, n = 10, size = 50) => {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, b) => Array.from({ length: size }, () => scale * (5 + b + 3 * random())));
};

test('a contender exactly 1.2× slower in every block: ratio 1.2 with no spread, missed at 1.05', () => {
  const base = blocks(1, 1);
  const slower = base.map((b) => b.map((x) => 1.2 * x));
  const i = quantileRatio(slower, base, 0.95);
  expect(i.estimate).toBeCloseTo(1.2, 9);
  expect(i.low).toBeCloseTo(1.2, 9);
  expect(i.high).toBeCloseTo(1.2, 9);
  const [seq] = figureVerdicts({ latency: { sequential: { bearer: slower, passthrough: base }, concurrent: {} } });
  expect(seq).toMatchObject({ figure: 'sequential-median', ratio: 1.2, target: 1.05, verdict: 'missed', blocks: 10 });
});

test('two draws of the same process: an interval around 1 that is met at a loose target, not at a tight one', () => {
  const a = blocks(2, 1, 30);
  const b = blocks(3, 1, 30);
  const i = quantileRatio(a, b, 0.5);
  expect(i.low).toBeLessThan(1);
  expect(i.high).toBeGreaterThan(1);
  expect(i.high).toBeLessThan(1.05);
});

test('the early-stopping level gives a wider interval around the same estimate, for every figure kind', () => {
  const a = blocks(4, 1, 30);
  const b = blocks(5, 1, 30);
  const latency = { sequential: { bearer: a, passthrough: b }, concurrent: {} };
  const loose = figureVerdicts({ latency });
  const strict = figureVerdicts({ latency }, 0.999);
  expect(strict.map((v) => v.ratio)).toEqual(loose.map((v) => v.ratio));
  for (const [i, v] of strict.entries()) {
    expect(v.low).toBeLessThan(loose[i]!.low);
    expect(v.high).toBeGreaterThan(loose[i]!.high);
  }
  const firsts = a.map((x) => x[0]!);
  const seconds = b.map((x) => x[0]!);
  const p95 = pairedMedianRatio(firsts, seconds);
  const p999 = pairedMedianRatio(firsts, seconds, 0.999);
  expect(p999.high - p999.low).toBeGreaterThan(p95.high - p95.low);
});

test('undecided figures: a clear miss is decided, a ratio near its target with few blocks is not', () => {
  const base = blocks(6, 1, 8);
  const slower = base.map((b) => b.map((x) => 1.2 * x));
  expect(
    undecidedFigures({ latency: { sequential: { bearer: slower, passthrough: base }, concurrent: {} } }, 0.02),
  ).toEqual([]);
  const other = blocks(7, 1.03, 8);
  const open = undecidedFigures(
    { latency: { sequential: { bearer: other, passthrough: base }, concurrent: {} } },
    0.02,
  );
  expect(open.map((v) => v.figure)).toContain('sequential-median');
  // The verdicts it returns are the 95 % ones, as the run reports them.
  const [median] = figureVerdicts({ latency: { sequential: { bearer: other, passthrough: base }, concurrent: {} } });
  expect(open.find((v) => v.figure === 'sequential-median')).toEqual(median);
});

test('pairing: block-to-block drift shared by both contenders does not widen the interval', () => {
  // Blocks differ 3× from one another, but within a block bearer is always 1.02× the passthrough.
  const random = seededRandom(4);
  const pass = Array.from({ length: 12 }, () => {
    const level = 5 + 10 * random();
    return Array.from({ length: 40 }, () => level * (1 + 0.01 * random()));
  });
  const bearer = pass.map((b) => b.map((x) => 1.02 * x));
  const i = quantileRatio(bearer, pass, 0.5);
  expect(i.high - i.low).toBeLessThan(0.001);
});

test('cold start: the penalty over the passthrough in token round trips', () => {
  const r = {
    reps: 4,
    tokenRoundTrips: [
      [8, 8, 8],
      [8, 8, 8],
      [8, 8, 8],
      [8, 8, 8],
    ],
    byContender: {
      passthrough: { penalty: [10, 10, 10, 10] },
      bearer: { penalty: [22, 22, 22, 22] },
    },
  } as unknown as ColdStartResult;
  const i = coldStartRatio(r);
  expect(i.estimate).toBe(1.5);
  expect([i.low, i.high]).toEqual([1.5, 1.5]);
  expect(figureVerdicts({ coldStart: r })[0]).toMatchObject({ figure: 'cold-start-penalty', verdict: 'missed' });
});

test('first call after a load: per-repetition ratios cancel what a repetition shared, tighter than a ratio of medians', () => {
  // Each repetition's load moves both contenders alike (2× between repetitions); bearer is 1.04–1.06× within one.
  const random = seededRandom(5);
  const pass = Array.from({ length: 40 }, () => 4 + 8 * random());
  const bearer = pass.map((x) => x * (1.04 + 0.02 * random()));
  const paired = pairedMedianRatio(bearer, pass);
  expect(paired.estimate).toBeGreaterThan(1.04);
  expect(paired.high).toBeLessThan(1.06);
  // The same numbers as a ratio of medians (resampled by repetition too): an interval twice as wide.
  const ofMedians = quantileRatio(
    bearer.map((x) => [x]),
    pass.map((x) => [x]),
    0.5,
  );
  expect(ofMedians.high - ofMedians.low).toBeGreaterThan(2 * (paired.high - paired.low));
  const firstCall = {
    byContender: { bearer: { cold: bearer }, passthrough: { cold: pass } },
  } as unknown as FirstCallResult;
  expect(figureVerdicts({ firstCall })[0]).toMatchObject({
    figure: 'first-call-after-load',
    verdict: 'met',
    blocks: 40,
  });
});

test('a call after a click: bearer-worker against the passthrough, paired by repetition', () => {
  const pass = [20, 30, 25, 22, 28, 24];
  const afterInteraction = {
    byContender: { passthrough: { ms: pass }, bearer: { ms: pass.map((x) => x * 0.5) } },
  } as unknown as AfterInteractionResult;
  expect(figureVerdicts({ afterInteraction })[0]).toMatchObject({
    figure: 'call-after-interaction',
    versus: 'passthrough',
    ratio: 0.5,
    target: 1.05,
    verdict: 'met',
    blocks: 6,
  });
});

test('non-API requests on stopped workers are judged against the one-rule worker, on running ones against no worker', () => {
  const cell = (cold: number[], warm: number[]) => ({ cold, warm });
  const stopped = {
    byTarget: {
      'same-origin': {
        none: cell([2, 2, 2, 2], []),
        'one-rule': cell([3, 3, 3, 3], []),
        bearer: cell([3, 3, 3, 3], []),
      },
    },
  } as unknown as NonApiResult;
  expect(figureVerdicts({ nonApi: stopped })).toMatchObject([
    { figure: 'non-api-stopped-same-origin', versus: 'one-rule worker', ratio: 1, verdict: 'met' },
  ]);
  const running = {
    byTarget: { 'third-party': { none: cell([], [2, 2, 2, 2, 2, 2]), bearer: cell([], [3, 3, 3, 3, 3, 3]) } },
  } as unknown as NonApiResult;
  expect(figureVerdicts({ nonApi: running })).toMatchObject([
    { figure: 'non-api-running-third-party', versus: 'no worker', ratio: 1.5, verdict: 'missed' },
  ]);
});
