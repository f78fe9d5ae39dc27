import { expect, test } from 'vitest';
import { perCallClock } from './per-call-clock.js';

const burst = (perCallMedian: number, issueMs: number) => ({ median: 1, p95: 1, load: 0, perCallMedian, issueMs });

test('pairs the bursts: the median per-burst ratio on the per-call clock, and the issue time of each page', () => {
  const r = perCallClock({
    passthrough: [burst(100, 800), burst(200, 600), burst(100, 700)],
    bearer: [burst(90, 400), burst(180, 300), burst(90, 200), burst(1, 1)],
  })!;
  expect(r.blocks).toBe(3);
  expect(r.medianRatio.ratio).toBeCloseTo(0.9, 3);
  expect(r.medianRatio.low).toBeLessThanOrEqual(0.9);
  expect(r.medianRatio.high).toBeGreaterThanOrEqual(0.9);
  expect(r.issueMs).toEqual({ passthrough: 700, bearer: 300 });
});

test('is null for bursts that did not keep the per-call clock (older results)', () => {
  expect(perCallClock({ passthrough: [{ median: 1, p95: 1, load: 0 }], bearer: [burst(1, 1)] })).toBeNull();
  expect(perCallClock({})).toBeNull();
});
