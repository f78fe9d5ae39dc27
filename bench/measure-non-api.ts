// Requests a token can never apply to — a same-origin asset and a third-party origin — from a page with
// no worker, with the passthrough worker and with bearer-worker: warm (worker running) and cold (every
// worker stopped first), and whether the cold request started the worker.
import type { Page } from '@playwright/test';
import { summarize, type Summary } from './summarize.js';
import type { WorkerWatch } from './worker-watch.js';

export interface NonApiResult {
  reps: number;
  /** By target ('same-origin', 'third-party'), then page ('none', 'passthrough', 'bearer'). */
  byTarget: Record<string, Record<string, { warm: Summary; cold: Summary; coldStarts: number }>>;
}

const SCRIPTS: Record<string, string | null> = {
  none: null,
  passthrough: '/bench/passthrough/sw.js',
  bearer: '/bench/bearer/sw.js',
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureNonApi(
  pages: Record<'none' | 'passthrough' | 'bearer', Page>,
  targets: Record<string, string>,
  watch: WorkerWatch,
  reps: number,
): Promise<NonApiResult> {
  const names = Object.keys(pages) as Array<keyof typeof pages>;
  let n = 0;
  const url = (base: string) => `${base}?n=${++n}`; // never cached, never the same URL twice
  const byTarget: NonApiResult['byTarget'] = {};
  for (const [target, base] of Object.entries(targets)) {
    const raw = Object.fromEntries(
      names.map((p) => [p, { warm: [] as number[], cold: [] as number[], coldStarts: 0 }]),
    );
    for (let r = 0; r < reps; r++) {
      for (const p of names.map((_, i) => names[(i + r) % names.length]!)) {
        const page = pages[p];
        // Warm: an API request first, so the worker (if any) is running.
        await page.evaluate(() => window.bench.sequential(1));
        for (let i = 0; i < 3; i++) raw[p]!.warm.push(await page.evaluate((u) => window.bench.probe(u), url(base)));
        await watch.stopAll();
        const script = SCRIPTS[p];
        const starts = script ? watch.startCount(script) : 0;
        raw[p]!.cold.push(await page.evaluate((u) => window.bench.probe(u), url(base)));
        await sleep(150); // let the DevTools events of a start arrive
        if (script && watch.startCount(script) > starts) raw[p]!.coldStarts++;
      }
    }
    byTarget[target] = Object.fromEntries(
      names.map((p) => [
        p,
        { warm: summarize(raw[p]!.warm), cold: summarize(raw[p]!.cold), coldStarts: raw[p]!.coldStarts },
      ]),
    );
  }
  return { reps, byTarget };
}
