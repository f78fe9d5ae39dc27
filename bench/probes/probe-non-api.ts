// `npx tsx bench/probes/probe-non-api.ts`: non-API requests with every worker stopped only, in one browser
// launch: no worker, the one-rule worker and bearer-worker (BENCH_WORKER=<file> serves a patched build, as
// in `npm run bench`), REPS repetitions (default 40), both targets; what a change to the Static Routing
// rules buys, measured without the whole bench.
import { benchTab } from '../bench-tab.js';
import { buildBenchScripts } from '../build-bench-scripts.js';
import { figureVerdicts } from '../figure-verdicts.js';
import { launchBenchChromium } from '../launch-bench-chromium.js';
import { measureNonApi } from '../measure-non-api.js';
import { signUpAndConfigure } from '../sign-up-and-configure.js';
import { startBenchStack } from '../start-bench-stack.js';
import { WorkerWatch } from '../worker-watch.js';

const REPS = Number(process.env.REPS ?? 40);

const stack = await startBenchStack();
const browser = await launchBenchChromium();
try {
  stack.serve(await buildBenchScripts(stack.apiOrigin));
  const context = await browser.newContext();
  const open = async (c: string) => {
    const page = await context.newPage();
    await page.goto(`${stack.appOrigin}/bench/${c}/`);
    return benchTab(page);
  };
  const none = await open('floor');
  await signUpAndConfigure(none, stack.apiOrigin);
  const tabs = { none, 'one-rule': await open('one-rule'), bearer: await open('bearer') };
  for (const tab of Object.values(tabs)) await tab.evaluate(() => window.bench.ready());
  const watch = await WorkerWatch.open(await context.newPage());
  const result = await measureNonApi(
    tabs,
    { 'same-origin': `${stack.appOrigin}/bench/asset.txt`, 'third-party': `${stack.thirdPartyOrigin}/asset.txt` },
    watch,
    REPS,
  );
  for (const v of figureVerdicts({ nonApi: result }))
    console.log(`${v.figure} ${v.ratio}× [${v.low}, ${v.high}] the one-rule worker's, ${REPS} repetitions`);
  for (const [target, cells] of Object.entries(result.byTarget))
    console.log(
      `${target} medians (ms): ` +
        Object.entries(cells)
          .map(([p, c]) => `${p} ${c.coldSummary.median.toFixed(3)} (started ${c.coldStarts})`)
          .join(', '),
    );
  await watch.close();
} finally {
  await browser.close();
  await stack.close();
}
