// Requests a token can never apply to — a same-origin asset and a third-party origin — from a page with
// no worker, with the passthrough worker, with a worker that declines every request (the least a fetch
// handler costs), with a worker whose one Static Routing rule sends everything to the network (the least
// routing costs), and with bearer-worker: warm (worker running) and, where the
// browser can be told to stop workers, cold (every worker stopped first), and whether the cold request
// started the worker.
import type { BenchTab } from './bench-tab.js';
import { summarize, type Summary } from './summarize.js';

export type NonApiPage = 'none' | 'passthrough' | 'decline' | 'one-rule' | 'bearer';

interface NonApiCell {
  /** Three per repetition, worker running (ms). */
  warm: number[];
  /** One per repetition, every worker stopped first (ms); empty without `stop`. */
  cold: number[];
  warmSummary: Summary;
  coldSummary: Summary;
  /** Cold requests that started the page's worker. */
  coldStarts: number;
}

export interface NonApiResult {
  reps: number;
  /** By target ('same-origin', 'third-party'), then page. */
  byTarget: Record<string, Record<string, NonApiCell>>;
}

export interface WorkerStops {
  stopAll(): Promise<void>;
  /** Times the worker at this script path has started so far. */
  startCount(scriptPath: string): number;
}

const SCRIPTS: Record<NonApiPage, string | null> = {
  none: null,
  passthrough: '/bench/passthrough/sw.js',
  decline: '/bench/decline/sw.js',
  'one-rule': '/bench/one-rule/sw.js',
  bearer: '/bench/bearer/sw.js',
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureNonApi(
  tabs: Partial<Record<NonApiPage, BenchTab>>,
  targets: Record<string, string>,
  stops: WorkerStops | null,
  reps: number,
): Promise<NonApiResult> {
  const names = Object.keys(tabs) as NonApiPage[];
  let n = 0;
  const url = (base: string) => `${base}?n=${++n}`; // never cached, never the same URL twice
  const byTarget: NonApiResult['byTarget'] = {};
  for (const [target, base] of Object.entries(targets)) {
    const raw = Object.fromEntries(
      names.map((p) => [p, { warm: [] as number[], cold: [] as number[], coldStarts: 0 }]),
    );
    for (let r = 0; r < reps; r++) {
      for (const p of names.map((_, i) => names[(i + r) % names.length]!)) {
        const tab = tabs[p]!;
        // Warm: an API request first, so the worker (if any) is running.
        await tab.evaluate(() => window.bench.sequential(1));
        for (let i = 0; i < 3; i++) raw[p]!.warm.push(await tab.evaluate((u) => window.bench.probe(u), url(base)));
        if (!stops) continue;
        await stops.stopAll();
        const script = SCRIPTS[p];
        const starts = script ? stops.startCount(script) : 0;
        raw[p]!.cold.push(await tab.evaluate((u) => window.bench.probe(u), url(base)));
        await sleep(150); // let the DevTools events of a start arrive
        if (script && stops.startCount(script) > starts) raw[p]!.coldStarts++;
      }
    }
    byTarget[target] = Object.fromEntries(
      names.map((p) => {
        const x = raw[p]!;
        return [p, { ...x, warmSummary: summarize(x.warm), coldSummary: summarize(x.cold) }];
      }),
    );
  }
  return { reps, byTarget };
}
