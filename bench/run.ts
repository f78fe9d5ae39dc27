// `npm run bench`: real Chromium against the demo's real servers, every contender side by side in one
// run. Progress goes to stderr; stdout gets the one table. Figures also go to bench/results/.
import '../scripts/ensure-chromium.mjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { chromium, type Page } from '@playwright/test';
// @ts-expect-error plain .mjs helper shared with the e2e config
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium.mjs';
import type { BenchResults } from './bench-results.js';
import { buildBenchScripts } from './build-bench-scripts.js';
import { SIZE_BUDGETS, bundleSizes } from './bundle-sizes.js';
import { formatTable } from './format-table.js';
import { measureColdStart } from './measure-cold-start.js';
import { measureLatency } from './measure-latency.js';
import { measureLifetime } from './measure-lifetime.js';
import { measureNonApi } from './measure-non-api.js';
import { CONTENDERS, type Contender } from './contenders.js';
import { startBenchStack } from './start-bench-stack.js';
import { WorkerWatch } from './worker-watch.js';

const started = Date.now();
const log = (msg: string) =>
  console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${msg}`);
// The limit is 10 minutes: a hung browser must not hold the machine longer.
setTimeout(() => {
  console.error('[bench] over 9 minutes: giving up');
  process.exit(1);
}, 9 * 60_000).unref();

const stack = await startBenchStack();
const browser = await chromium.launch({
  executablePath: findChromium() as string | undefined,
  args: CHROMIUM_ARGS as string[],
});
try {
  log('building the page script, the worker and the size figures');
  stack.serve(await buildBenchScripts(stack.apiOrigin));
  const sizes = await bundleSizes();
  const context = await browser.newContext();

  const openPage = async (c: Contender): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(`${stack.appOrigin}/bench/${c}/`);
    return page;
  };
  const pages = Object.fromEntries(
    await Promise.all(CONTENDERS.map(async (c) => [c, await openPage(c)] as const)),
  ) as Record<Contender, Page>;
  // Sign up through Better Auth's HTTP API from a page, so the session cookie lands in the browser.
  const userId = await pages.floor.evaluate(async () => {
    const body = { name: 'Bench User', email: `bench${Date.now()}@example.test`, password: 'correct horse battery' };
    const res = await fetch('/api/auth/sign-up/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sign-up: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { user: { id: string } }).user.id;
  });
  const setup = (page: Page) =>
    page.evaluate((input) => window.bench.setup(input), { apiOrigin: stack.apiOrigin, userId });
  for (const c of CONTENDERS) await setup(pages[c]);
  if (!(await Promise.all(CONTENDERS.map((c) => pages[c].evaluate(() => window.bench.visible())))).every(Boolean))
    log('warning: some bench pages are hidden (timers may be throttled)');

  log('latency: sequential and concurrent GETs, contenders alternating');
  // A 1000-GET burst is one sample of the machine's state, whatever its 1000 latencies: six rounds (every
  // row of the concurrent design) instead of three, and 25 cold starts instead of 9; about 4.5 minutes.
  const latency = await measureLatency(pages, stack, {
    warmup: 50,
    rounds: 30,
    sequential: 25,
    concurrentRounds: 6,
    concurrent: 1000,
  });
  const watch = await WorkerWatch.open(pages.floor);
  log('cold start');
  const coldStart = await measureColdStart(
    pages.floor,
    { passthrough: pages.passthrough, bearer: pages.bearer },
    watch,
    stack,
    25,
  );
  log('non-API requests');
  const nonApi = await measureNonApi(
    { none: pages.floor, passthrough: pages.passthrough, bearer: pages.bearer },
    { 'same-origin': `${stack.appOrigin}/bench/asset.txt`, 'third-party': `${stack.thirdPartyOrigin}/asset.txt` },
    watch,
    // Differences here are below a millisecond: 21 samples per cell keep the median steady.
    21,
  );
  await watch.close();
  log('auth calls per token lifetime, 1 and 5 tabs');
  const lifetime = await measureLifetime(
    stack,
    ['seed', 'seed-fixed', 'bearer'],
    async (c) => {
      const page = await openPage(c);
      await setup(page);
      return page;
    },
    { ttlSeconds: 10, lifetimes: 2, tabs: [1, 5], warmupMs: 2000, pauseMs: 100 },
  );
  const errors = Object.fromEntries(
    await Promise.all(CONTENDERS.map(async (c) => [c, await pages[c].evaluate(() => window.bench.errors())] as const)),
  );

  const results: BenchResults = {
    date: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    machine: { chromium: browser.version(), cpus: cpus().length, node: process.version },
    latency,
    lifetime,
    coldStart,
    nonApi,
    sizes: { ...sizes, budget: { ...SIZE_BUDGETS } },
    server: {
      apiRequests: stack.state.api.requests,
      preflights: stack.state.api.preflights,
      apiByStatus: { ...stack.state.api.byStatus },
      auth: { ...stack.state.auth },
    },
    errors,
  };
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const json = JSON.stringify(results, null, 2) + '\n';
  writeFileSync(new URL(`${results.date.replace(/[:.]/g, '-')}.json`, dir), json);
  writeFileSync(new URL('latest.json', dir), json);
  log(`done in ${results.seconds} s; figures in bench/results/latest.json`);
  if (Object.values(errors).some((n) => n > 0)) log(`warning: failed requests ${JSON.stringify(errors)}`);
  if (Object.keys(results.server.apiByStatus).some((s) => s !== '200'))
    log(`warning: API answers ${JSON.stringify(results.server.apiByStatus)}`);
  console.log(
    `Chromium ${results.machine.chromium}, ${results.machine.cpus} CPUs, Node ${results.machine.node}, ${results.seconds} s\n`,
  );
  console.log(formatTable(results));
} finally {
  await browser.close();
  await stack.close();
}
