// A clean heap before every burst. Contenders' bursts alternate on one machine, and a burst leaves
// garbage behind: 1000 requests' worth in the API server (this process) and in the browser. Collected
// lazily, it is paid during the *next* burst, often another contender's, which adds noise to every
// pair of bursts (and bias where the order is not balanced). So the bench collects it first: this
// process's heap, then every page's and every running worker's (the browser runs with --expose-gc).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { BrowserContext } from '@playwright/test';
import { pause } from './latency-sampler.js';

/** The flag that gives every browser isolate (pages, workers) a `gc()`; the bench's browser only. */
export const EXPOSE_GC = '--js-flags=--expose-gc';

setFlagsFromString('--expose-gc');
const gcHere = runInNewContext('gc') as () => void;

const withTimeout = (p: Promise<unknown>, ms: number) =>
  Promise.race([p.catch(() => {}), new Promise((r) => setTimeout(r, ms))]);

/**
 * A running page or worker collects in 5–30 ms. A worker the browser has stopped (the bench's own stops, or
 * 30 s idle) can stay listed, and its evaluate never settles: with a 2 s wait, every settle after the
 * cold-start phase took 2 s more, 4 s a round of bursts.
 */
const TARGET_TIMEOUT_MS = 300;

/** Collects garbage in this process and in every page and running worker of `context`. */
async function collectGarbage(context: BrowserContext): Promise<void> {
  gcHere();
  const gc = () => (globalThis as { gc?: () => void }).gc?.();
  // A target that closes or stops meanwhile is skipped, not waited for.
  await Promise.all([
    ...context.pages().map((t) => withTimeout(t.evaluate(gc), TARGET_TIMEOUT_MS)),
    ...context.serviceWorkers().map((t) => withTimeout(t.evaluate(gc), TARGET_TIMEOUT_MS)),
  ]);
}

/** What the bench runs before every burst (LatencySampler's `settle`): a clean heap, then a short pause. */
export const cleanSettle = (context: BrowserContext) => async (): Promise<void> => {
  await collectGarbage(context);
  await pause(250);
};
