import { expect, test } from 'vitest';
import { summarize } from '../summarize.js';
import { createPooledQuantile } from './pooled-quantile.js';
import { seededRandom } from './seeded-random.js';

const randomBlocks = (seed: number) => {
  const random = seededRandom(seed);
  return Array.from({ length: 1 + Math.floor(random() * 8) }, () =>
    Array.from({ length: 1 + Math.floor(random() * 30) }, () => Math.round(random() * 1000) / 10),
  );
};

test('every block picked once: the same median and p95 as summarize() of all samples', () => {
  for (let seed = 1; seed <= 50; seed++) {
    const blocks = randomBlocks(seed);
    const quantile = createPooledQuantile(blocks);
    const all = blocks.map((_, i) => i);
    const s = summarize(blocks.flat());
    expect(quantile(all, 0.5)).toBe(s.median);
    expect(quantile(all, 0.95)).toBe(s.p95);
  }
});

test('a block picked k times counts k times, an unpicked one not at all', () => {
  for (let seed = 100; seed <= 150; seed++) {
    const blocks = randomBlocks(seed);
    const random = seededRandom(seed);
    const picks = blocks.map(() => Math.floor(random() * blocks.length));
    const pooled = picks.flatMap((p) => blocks[p]!);
    const quantile = createPooledQuantile(blocks);
    for (const q of [0.05, 0.5, 0.95, 1]) {
      const sorted = [...pooled].sort((a, b) => a - b);
      expect(quantile(picks, q)).toBe(sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]);
    }
  }
});

test('the example by hand', () => {
  const quantile = createPooledQuantile([
    [1, 2, 3],
    [10, 20],
  ]);
  expect(quantile([0, 1], 0.5)).toBe(3); // 1 2 3 10 20
  expect(quantile([1, 1], 0.5)).toBe(10); // 10 10 20 20
  expect(quantile([0, 0, 1], 0.95)).toBe(20); // 1 1 2 2 3 3 10 20
  expect(quantile([], 0.5)).toBeNaN();
});
