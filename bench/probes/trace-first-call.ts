// `npx tsx bench/probes/trace-first-call.ts`: where a worker's time goes on the first API call after a page load,
// from Chromium's own trace events (µs resolution) on the service worker's thread: from the fetch event's
// handler being called to the request leaving through `fetch()`, and how much of that V8 spent working out
// source positions. REPS cold loads per worker (default 12), passthrough and bearer-worker in turns;
// BENCH_WORKER=<file> traces a patched build. Tracing slows everything down: compare builds, not absolutes.
import { benchTab } from '../bench-tab.js';
import { buildBenchScripts } from '../build-bench-scripts.js';
import { launchBenchChromium } from '../launch-bench-chromium.js';
import { signUpAndConfigure } from '../sign-up-and-configure.js';
import { startBenchStack } from '../start-bench-stack.js';
import { summarize } from '../summarize.js';
import { WorkerWatch } from '../worker-watch.js';

const REPS = Number(process.env.REPS ?? 12);
// Not devtools.timeline: it would capture a stack for every request itself.
const CATEGORIES = ['ServiceWorker', 'loading', 'toplevel', 'blink', 'v8', 'disabled-by-default-v8.compile'];

interface TraceEvent {
  name: string;
  ph: string;
  ts?: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; url?: string };
}

/** The first API request's worker time in one trace (ms), or null when the trace does not have it. */
export function workerTime(events: TraceEvent[]): { toFetch: number; sourcePositions: number } | null {
  const threads = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'ServiceWorker thread')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const onWorker = events
    .filter((e) => e.ts !== undefined && threads.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.ts! - b.ts!);
  const isApi = (e: TraceEvent) => e.args?.url?.includes('/api/v1/') ?? false;
  const event = onWorker.find(
    (e) => e.name === 'ServiceWorkerGlobalScope::DispatchFetchEventForSubresource' && isApi(e),
  );
  if (!event) return null;
  const after = (name: string, api = false) =>
    onWorker.find((e) => e.ts! >= event.ts! && e.name === name && (!api || isApi(e)));
  const handler = after('v8.callFunction');
  const sent = after('ResourceFetcher::requestResource', true);
  if (!handler || !sent) return null;
  const sourcePositions = onWorker
    .filter((e) => e.name === 'V8.CollectSourcePositions' && e.ts! >= handler.ts! && e.ts! <= sent.ts!)
    .reduce((sum, e) => sum + (e.dur ?? 0), 0);
  return { toFetch: (sent.ts! - handler.ts!) / 1000, sourcePositions: sourcePositions / 1000 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const stack = await startBenchStack();
  const browser = await launchBenchChromium();
  try {
    stack.serve(await buildBenchScripts(stack.apiOrigin));
    const context = await browser.newContext();
    const floor = await context.newPage();
    await floor.goto(`${stack.appOrigin}/bench/floor/`);
    await signUpAndConfigure(benchTab(floor), stack.apiOrigin);
    const names = ['passthrough', 'bearer'] as const;
    const pages = Object.fromEntries(
      await Promise.all(
        names.map(async (c) => {
          const page = await context.newPage();
          await page.goto(`${stack.appOrigin}/bench/${c}/`);
          await benchTab(page).evaluate(() => window.bench.ready());
          return [c, page] as const;
        }),
      ),
    );
    const watch = await WorkerWatch.open(floor);
    const times: Record<string, { toFetch: number[]; sourcePositions: number[] }> = {};
    for (let r = 0; r < REPS; r++) {
      for (const c of r % 2 ? [...names].reverse() : names) {
        await watch.stopAll();
        const page = pages[c]!;
        await page.bringToFront();
        await browser.startTracing(undefined, { categories: CATEGORIES });
        await page.goto(`${stack.appOrigin}/bench/${c}/?first=50&trace=${r}`, { waitUntil: 'load' });
        await page.evaluate(() => window.bench.firstCall());
        const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
        const t = workerTime(trace.traceEvents);
        if (!t) continue;
        (times[c] ??= { toFetch: [], sourcePositions: [] }).toFetch.push(t.toFetch);
        times[c]!.sourcePositions.push(t.sourcePositions);
      }
    }
    await watch.close();
    for (const [c, t] of Object.entries(times)) {
      const median = (xs: number[]) => summarize(xs).median.toFixed(3);
      console.log(
        `${c}: handler → fetch() ${median(t.toFetch)} ms, of it source positions ${median(t.sourcePositions)} ms ` +
          `(medians of ${t.toFetch.length} traced cold loads)`,
      );
    }
  } finally {
    await browser.close();
    await stack.close();
  }
}
