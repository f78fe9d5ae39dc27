// `npx tsx bench/probes/probe-first-call.ts`: the first API call after a page load only, passthrough against
// bearer-worker, in one browser launch: what a change to the page-load path buys, measured without the
// whole bench. Launches differ by a few per cent, so compare several runs of each build (BENCH_WORKER=<file>
// serves a patched worker, as in `npm run bench`). REPS cold pairs (default 60), BOOT ms of app boot (50).
import type { Page } from '@playwright/test';
import { benchTab } from '../bench-tab.js';
import { buildBenchScripts } from '../build-bench-scripts.js';
import { figureVerdicts } from '../figure-verdicts.js';
import { launchBenchChromium } from '../launch-bench-chromium.js';
import { measureFirstCall } from '../measure-first-call.js';
import { signUpAndConfigure } from '../sign-up-and-configure.js';
import { startBenchStack } from '../start-bench-stack.js';
import { summarize } from '../summarize.js';
import { WorkerWatch } from '../worker-watch.js';

const REPS = Number(process.env.REPS ?? 60);
const BOOT = Number(process.env.BOOT ?? 50);

const stack = await startBenchStack();
// The bench's own browser, as `npm run bench` measures the first call.
const browser = await launchBenchChromium();
try {
  stack.serve(await buildBenchScripts(stack.apiOrigin));
  const context = await browser.newContext();
  const open = async (c: string): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(`${stack.appOrigin}/bench/${c}/`);
    return page;
  };
  const floor = await open('floor');
  await signUpAndConfigure(benchTab(floor), stack.apiOrigin);
  const tabs = { passthrough: benchTab(await open('passthrough')), bearer: benchTab(await open('bearer')) };
  for (const tab of Object.values(tabs)) await tab.evaluate(() => window.bench.ready());
  const watch = await WorkerWatch.open(floor);
  const result = await measureFirstCall(
    tabs,
    {
      appOrigin: stack.appOrigin,
      stopAll: () => watch.stopAll(),
      tokenCalls: (c) => stack.authCalls()[c]?.token ?? 0,
      recordRequests: () => stack.recordRequests(),
    },
    REPS,
    BOOT,
  );
  const [v] = figureVerdicts({ firstCall: result });
  const median = (c: 'passthrough' | 'bearer', kind: 'cold' | 'warm') =>
    summarize(result.byContender[c]![kind]).median.toFixed(3);
  console.log(
    `first-call-after-load ${v!.ratio}× [${v!.low}, ${v!.high}] over ${REPS} pairs, boot ${BOOT} ms; ` +
      `cold medians ${median('passthrough', 'cold')} / ${median('bearer', 'cold')} ms, ` +
      `warm ${median('passthrough', 'warm')} / ${median('bearer', 'warm')} ms (passthrough / bearer-worker)`,
  );
  for (const extra of result.byContender.bearer!.extraTokens ?? [])
    console.log(`a ${extra.kind} load (#${extra.index}) made more than one token fetch:`, extra.requests);
  await watch.close();
} finally {
  await browser.close();
  await stack.close();
}
