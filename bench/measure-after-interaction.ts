// A call made right after a user interaction, with the worker idle past its stop: every worker stopped
// (as the browser does after ~30 s idle), then a real click (pointerdown, mouseup after DOWN_UP_MS, as a
// person's click), whose handler calls the API; timed from the click event to the parsed answer. The
// passthrough worker and bearer-worker in turn, on the same stopped workers. bearer-worker's bridge sends
// its hint on the pointerdown (src/interaction-hint.ts), which each page does only 25 s or more after its
// last one: bearer-worker's clicks go round a pool of pages (one worker serves them all), so a repetition
// waits for its own page's 25 s, not the last click's.
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

export interface AfterInteractionPlan {
  reps: number;
  /** While `undecided` says so after the planned repetitions, `step` more at a time, up to `maxReps`. */
  maxReps?: number;
  step?: number;
  undecided?: (partial: AfterInteractionResult) => boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureAfterInteraction(
  tabs: { passthrough: ClickTab; bearer: ClickTab[] },
  stopAll: () => Promise<void>,
  tokenCalls: () => number,
  { reps, maxReps = reps, step = 5, undecided = () => false }: AfterInteractionPlan,
  log: (msg: string) => void = () => {},
): Promise<AfterInteractionResult> {
  const names = ['passthrough', 'bearer'] as const;
  const ms: Record<string, number[]> = { passthrough: [], bearer: [] };
  const tokenFetches: number[] = [];
  const lastClick = new Map<ClickTab, number>();
  const result = (): AfterInteractionResult => ({
    reps: tokenFetches.length,
    downUpMs: DOWN_UP_MS,
    byContender: Object.fromEntries(names.map((c) => [c, { ms: ms[c]!, summary: summarize(ms[c]!) }])),
    tokenFetches,
  });
  let target = reps;
  for (let r = 0; r < target; r++) {
    const bearer = tabs.bearer[r % tabs.bearer.length]!;
    const wait = (lastClick.get(bearer) ?? -Infinity) + WAKE_AFTER_MS + 500 - Date.now();
    if (wait > 0) await sleep(wait);
    await stopAll();
    for (const c of r % 2 ? [...names].reverse() : names) {
      const { tab, click } = c === 'bearer' ? bearer : tabs.passthrough;
      await tab.evaluate(() => window.bench.armClick());
      const before = tokenCalls();
      if (c === 'bearer') lastClick.set(bearer, Date.now());
      await click();
      ms[c]!.push(await tab.evaluate(() => window.bench.clicked()));
      if (c === 'bearer') tokenFetches.push(tokenCalls() - before);
    }
    if (r + 1 === target && target < maxReps && undecided(result())) {
      target = Math.min(maxReps, target + step);
      log(`call-after-interaction undecided after ${r + 1} clicks: ${target - r - 1} more`);
    }
  }
  return result();
}
