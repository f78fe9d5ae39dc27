import { expect, test } from 'vitest';
import { judge, worthMore } from './judge.js';

test('met only when the whole interval is within the target', () => {
  expect(judge({ low: 0.9, high: 1.05 }, 1.05)).toBe('met');
  expect(judge({ low: 0.9, high: 1.0501 }, 1.05)).toBe('inconclusive');
});

test('missed only when the whole interval is outside the target', () => {
  expect(judge({ low: 1.06, high: 1.3 }, 1.05)).toBe('missed');
  expect(judge({ low: 1.05, high: 1.3 }, 1.05)).toBe('inconclusive');
});

test('an interval across the target, or one that is not an interval, is inconclusive', () => {
  expect(judge({ low: 0.8, high: 1.2 }, 1.05)).toBe('inconclusive');
  expect(judge({ low: NaN, high: 1 }, 1.05)).toBe('inconclusive');
  expect(judge({ low: -Infinity, high: Infinity }, 1.05)).toBe('inconclusive');
});

test('more blocks until the strict interval decides, or the 95 % one is narrower than the half-width asked for', () => {
  const wide = { low: 0.8, high: 1.2 };
  expect(worthMore(wide, wide, 1.05, 0.05)).toBe(true);
  // The 95 % interval decides, the strict one does not: no early stop on a lucky look.
  expect(worthMore({ low: 0.9, high: 1.07 }, { low: 0.95, high: 1.04 }, 1.05, 0.02)).toBe(true);
  // Both decide (met, missed): stop.
  expect(worthMore({ low: 0.5, high: 1.0 }, { low: 0.6, high: 0.9 }, 1.05, 0.05)).toBe(false);
  expect(worthMore({ low: 1.1, high: 1.9 }, { low: 1.2, high: 1.8 }, 1.05, 0.05)).toBe(false);
  // Undecided, but the 95 % interval is already within ±0.05: within a hair of the target, stop.
  expect(worthMore({ low: 0.98, high: 1.12 }, { low: 1.0, high: 1.08 }, 1.05, 0.05)).toBe(false);
});
