// A call made right after a user interaction, with the worker idle past its stop: every worker stopped
// (as the browser does after ~30 s idle), then a real click (pointerdown, mouseup after DOWN_UP_MS, as a
// person's click), whose handler calls the API; timed from the click event to the parsed answer. The
// passthrough worker and bearer-worker in turn, on the same stopped workers; bearer-worker's bridge
// sends its hint on the pointerdown (src/interaction-hint.ts), which only does so 25 s or more after its
// last one, so repetitions are that far apart.
import type { BenchTab } from './bench-tab.js';
import { summarize, type Summary } from './summarize.js';
import { WAKE_AFTER_MS } from '../src/interaction-hint.js';

/** Between a click's pointerdown and its mouseup: a person's click takes about 100 ms; less, to be safe. */
export const DOWN_UP_MS = 60;

export interface ClickTab {
  tab: BenchTab;
  /** A real mouse click on the page (pointerdown, mouseup `DOWN_UP_MS` later, click). */
  click(): Promise<void>;
}

export interface AfterInteractionResult {
  reps: number;
  downUpMs: number;
  byContender: Record<string, { ms: number[]; summary: Summary }>;
  /** Token fetches per repetition on bearer-worker's page: one per wake is the target. */
  tokenFetches: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureAfterInteraction(
  tabs: Record<'passthrough' | 'bearer', ClickTab>,
  stopAll: () => Promise<void>,
  tokenCalls: () => number,
  reps: number,
  log: (msg: string) => void = () => {},
): Promise<AfterInteractionResult> {
  const names = Object.keys(tabs) as Array<keyof typeof tabs>;
  const ms: Record<string, number[]> = Object.fromEntries(names.map((c) => [c, []]));
  const tokenFetches: number[] = [];
  let lastClick = -Infinity;
  for (let r = 0; r < reps; r++) {
    const wait = lastClick + WAKE_AFTER_MS + 500 - Date.now();
    if (wait > 0) {
      if (r === 1) log(`(${Math.round(wait / 1000)} s between repetitions: the bridge hints once per 25 s at most)`);
      await sleep(wait);
    }
    await stopAll();
    for (const c of r % 2 ? [...names].reverse() : names) {
      const { tab, click } = tabs[c];
      await tab.evaluate(() => window.bench.armClick());
      const before = tokenCalls();
      if (c === 'bearer') lastClick = Date.now();
      await click();
      ms[c]!.push(await tab.evaluate(() => window.bench.clicked()));
      if (c === 'bearer') tokenFetches.push(tokenCalls() - before);
    }
  }
  return {
    reps,
    downUpMs: DOWN_UP_MS,
    byContender: Object.fromEntries(names.map((c) => [c, { ms: ms[c]!, summary: summarize(ms[c]!) }])),
    tokenFetches,
  };
}
