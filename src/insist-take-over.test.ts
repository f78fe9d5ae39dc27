import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { insistTakeOver } from './insist-take-over.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

test('asks at once and every second while the build waits, at most 30 times', async () => {
  const ask = vi.fn();
  insistTakeOver({ state: 'installed' }, ask);
  expect(ask).toHaveBeenCalledTimes(1);
  await vi.advanceTimersByTimeAsync(999);
  expect(ask).toHaveBeenCalledTimes(1);
  await vi.advanceTimersByTimeAsync(1);
  expect(ask).toHaveBeenCalledTimes(2);
  await vi.advanceTimersByTimeAsync(60_000);
  expect(ask).toHaveBeenCalledTimes(30);
});

test('stops once the build leaves installed (activating, activated or redundant)', async () => {
  const ask = vi.fn();
  const sw: { state: ServiceWorkerState } = { state: 'installed' };
  insistTakeOver(sw, ask);
  await vi.advanceTimersByTimeAsync(2000);
  expect(ask).toHaveBeenCalledTimes(3);
  sw.state = 'activating';
  await vi.advanceTimersByTimeAsync(10_000);
  expect(ask).toHaveBeenCalledTimes(3);
  insistTakeOver({ state: 'redundant' }, ask);
  expect(ask).toHaveBeenCalledTimes(3);
});
