import { expect, test } from 'vitest';
import { bootstrapInterval, expandedTail } from './bootstrap-interval.js';
import { seededRandom } from './seeded-random.js';

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

test('the expanded tail is the plain 2.5 % with many blocks and much smaller with few', () => {
  expect(expandedTail(0.95, 10_000)).toBeCloseTo(0.025, 3);
  expect(expandedTail(0.95, 6)).toBeLessThan(0.01);
  expect(expandedTail(0.95, 6)).toBeGreaterThan(0.001);
  expect(expandedTail(0.95, 20)).toBeGreaterThan(expandedTail(0.95, 6));
});

test('the estimate is the statistic of the data as measured, inside its interval', () => {
  const data = [3, 1, 4, 1, 5, 9, 2, 6];
  const i = bootstrapInterval(data.length, (picks) => mean(picks.map((p) => data[p]!)));
  expect(i.estimate).toBe(mean(data));
  expect(i.low).toBeLessThan(i.estimate);
  expect(i.high).toBeGreaterThan(i.estimate);
  expect(i.blocks).toBe(8);
});

test('the same data and seed give the same interval', () => {
  const data = [3, 1, 4, 1, 5, 9, 2, 6];
  const stat = (picks: readonly number[]) => mean(picks.map((p) => data[p]!));
  expect(bootstrapInterval(8, stat)).toEqual(bootstrapInterval(8, stat));
  expect(bootstrapInterval(8, stat, { seed: 2 })).not.toEqual(bootstrapInterval(8, stat));
});

test('blocks that all agree leave no spread; a single block leaves no knowledge', () => {
  const i = bootstrapInterval(5, () => 1.02);
  expect([i.low, i.high]).toEqual([1.02, 1.02]);
  const one = bootstrapInterval(1, () => 1.02);
  expect([one.low, one.high]).toEqual([-Infinity, Infinity]);
});

test('a 95 % interval of a mean covers the true mean in about 95 % of experiments, even with 8 blocks', () => {
  const random = seededRandom(7);
  // Box–Muller: a standard normal draw from two uniform ones.
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  let covered = 0;
  const trials = 300;
  for (let t = 0; t < trials; t++) {
    const data = Array.from({ length: 8 }, () => 10 + 2 * normal());
    const i = bootstrapInterval(data.length, (picks) => mean(picks.map((p) => data[p]!)), {
      resamples: 1000,
      seed: t + 1,
    });
    if (i.low <= 10 && 10 <= i.high) covered++;
  }
  // The plain percentile interval covers ~88 % here; the expanded one should be near 95 %.
  expect(covered / trials).toBeGreaterThan(0.9);
  expect(covered / trials).toBeLessThan(0.99);
});
