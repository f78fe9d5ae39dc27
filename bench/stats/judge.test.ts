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

test('more blocks only while inconclusive and wider than the half-width asked for', () => {
  expect(worthMore({ low: 0.8, high: 1.2 }, 1.05, 0.05)).toBe(true);
  expect(worthMore({ low: 1.0, high: 1.08 }, 1.05, 0.05)).toBe(false);
  expect(worthMore({ low: 0.5, high: 1.0 }, 1.05, 0.05)).toBe(false);
  expect(worthMore({ low: 1.1, high: 1.9 }, 1.05, 0.05)).toBe(false);
});
