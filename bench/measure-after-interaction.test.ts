import { afterEach, expect, test, vi } from 'vitest';
import type { BenchTab } from './bench-tab.js';
import { measureAfterInteraction, type ClickTab } from './measure-after-interaction.js';
import { WAKE_AFTER_MS } from '../src/interaction-hint.js';

/** A page whose clicks are recorded with the (fake or real) time they happened at. */
function clickTab(clicks: number[]): ClickTab {
  return {
    tab: { evaluate: (async () => 5) as BenchTab['evaluate'], goto: async () => {}, close: async () => {} },
    click: async () => void clicks.push(Date.now()),
  };
}

afterEach(() => void vi.useRealTimers());

test("bearer-worker's clicks go round the pool, and undecided figures get more of them up to the cap", async () => {
  const pool = [[], [], [], []].map((clicks: number[]) => ({ clicks, tab: clickTab(clicks) }));
  const asked: number[] = [];
  const result = await measureAfterInteraction(
    { passthrough: clickTab([]), bearer: pool.map((p) => p.tab) },
    async () => {},
    () => 0,
    { reps: 2, maxReps: 4, step: 2, undecided: (partial) => (asked.push(partial.reps), true) },
  );
  expect(result.reps).toBe(4);
  expect(result.byContender.bearer!.ms).toHaveLength(4);
  expect(pool.map((p) => p.clicks.length)).toEqual([1, 1, 1, 1]);
  // Asked once the planned clicks were in; not again at the cap.
  expect(asked).toEqual([2]);
});

test('a page is clicked again only once its bridge would hint again (25 s after its last click)', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
  const clicks: number[] = [];
  const done = measureAfterInteraction(
    { passthrough: clickTab([]), bearer: [clickTab(clicks)] },
    async () => {},
    () => 0,
    {
      reps: 2,
    },
  );
  await vi.advanceTimersByTimeAsync(WAKE_AFTER_MS + 1000);
  const result = await done;
  expect(result.reps).toBe(2);
  expect(clicks[1]! - clicks[0]!).toBeGreaterThan(WAKE_AFTER_MS);
});
