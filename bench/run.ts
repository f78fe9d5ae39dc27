// `npm run bench`: real Chromium (and Firefox) against the demo's real servers, every contender side by
// side in one run. Progress goes to stderr; stdout gets the tables. Figures, verdicts and the chart go to
// bench/results/. BENCH_QUICK=1 checks the harness in ~1.5 minutes; BENCH_SKIP_FIREFOX=1 skips Firefox.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { Page } from '@playwright/test';
import type { BenchResults } from './bench-results.js';
import { benchPlan } from './bench-plan.js';
import { benchTab, type BenchTab } from './bench-tab.js';
import { buildBenchScripts } from './build-bench-scripts.js';
import { cleanSettle } from './collect-garbage.js';
import { launchBenchChromium } from './launch-bench-chromium.js';
import { SIZE_BUDGETS, bundleSizes } from './bundle-sizes.js';
import { CONTENDERS, type Contender } from './contenders.js';
import { firstCallFloors } from './first-call-floors.js';
import { injectFloor } from './inject-floor.js';
import { perCallClock } from './per-call-clock.js';
import { figureVerdicts, undecidedFigures } from './figure-verdicts.js';
import { formatTable } from './format-table.js';
import { LatencySampler, type LatencyKind } from './latency-sampler.js';
import { DOWN_UP_MS, measureAfterInteraction, type ClickTab } from './measure-after-interaction.js';
import { measureColdStart } from './measure-cold-start.js';
import { measureFirstCall } from './measure-first-call.js';
import { measureLifetime } from './measure-lifetime.js';
import { measureNonApi } from './measure-non-api.js';
import { withReadmeTable } from './readme-table.js';
import { renderChart } from './render-chart.js';
import { runFirefox, type FirefoxResult } from './run-firefox.js';
import { signUpAndConfigure } from './sign-up-and-configure.js';
import { startBenchStack } from './start-bench-stack.js';
import type { PageName } from './page/bench-page.js';
import { WorkerWatch } from './worker-watch.js';

const plan = benchPlan();
const started = Date.now();
const elapsed = () => (Date.now() - started) / 1000;
const log = (msg: string) => console.error(`[bench ${elapsed().toFixed(0).padStart(3)} s] ${msg}`);
// 15–29 minutes on a quiet 2-core machine, longer on a loaded one: a hung browser must not hold it longer.
setTimeout(() => {
  console.error('[bench] over 40 minutes: giving up');
  process.exit(1);
}, 40 * 60_000).unref();
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);
const loadAtStart = load();

const stack = await startBenchStack();
const browser = await launchBenchChromium();
try {
  log(`${plan.quick ? 'QUICK plan (figures decide nothing); ' : ''}building the page script, the worker, the sizes`);
  stack.serve(await buildBenchScripts(stack.apiOrigin));
  const sizes = await bundleSizes();
  const context = await browser.newContext();

  const pages: Partial<Record<PageName, Page>> = {};
  const openPage = async (c: PageName): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(`${stack.appOrigin}/bench/${c}/`);
    pages[c] ??= page; // the first page of each: the one `tabs` drives
    return page;
  };
  const openTab = async (c: PageName): Promise<BenchTab> => {
    const tab = benchTab(await openPage(c));
    await tab.evaluate(() => window.bench.ready());
    return tab;
  };
  // The first page signs up (the session cookie lands in the browser) and writes the config every
  // other bench page starts from at load, as an app would.
  const floorPage = await openPage('floor');
  await signUpAndConfigure(benchTab(floorPage), stack.apiOrigin);
  const tabs = { floor: benchTab(floorPage) } as Record<Contender, BenchTab>;
  for (const c of CONTENDERS) if (c !== 'floor') tabs[c] = await openTab(c);
  await tabs.floor.evaluate(() => window.bench.ready());
  if (!(await Promise.all(CONTENDERS.map((c) => tabs[c].evaluate(() => window.bench.visible())))).every(Boolean))
    log('warning: some bench pages are hidden (timers may be throttled)');
  // Cross-origin isolated pages (start-bench-stack.ts) time in 5 µs steps instead of 100 µs.
  const isolated = (await Promise.all(CONTENDERS.map((c) => tabs[c].evaluate(() => crossOriginIsolated)))).every(
    Boolean,
  );
  if (!isolated) log('warning: bench pages are not cross-origin isolated (clock in 100 µs steps)');

  log('latency: sequential and concurrent GETs, contenders alternating');
  // Before every burst: the last one's garbage collected everywhere, then a short pause (collect-garbage.ts).
  // Sequential rounds run in the floor's page, every other contender's page in a frame of it, their calls
  // interleaved one by one (latency-sampler.ts).
  const sampler = new LatencySampler(tabs, stack, plan.latency, cleanSettle(context), tabs.floor);
  // A failed request voids the run (below): say in which phase it happened, so it can be traced.
  const failedBefore: Record<string, number> = {};
  const noteFailures = async (phase: string) => {
    for (const c of CONTENDERS) {
      const n = await tabs[c].evaluate(() => window.bench.errors());
      const added = n - (failedBefore[c] ?? 0);
      if (added > 0) {
        const last = await tabs[c].evaluate(() => window.bench.lastFailure());
        log(`warning: ${added} failed request(s) on ${c}'s page in ${phase}, the last: ${last}`);
      }
      failedBefore[c] = n;
    }
  };
  await sampler.run();
  await noteFailures('the latency rounds');

  const watch = await WorkerWatch.open(floorPage);
  log('cold start (idle worker woken by an API call)');
  const coldStart = await measureColdStart(
    tabs.floor,
    { passthrough: tabs.passthrough, bearer: tabs.bearer },
    () => watch.stopAll(),
    stack,
    plan.coldStartReps,
  );
  await noteFailures('the cold start');
  log('a call right after a click, the worker stopped');
  const clickTab = (page: Page): ClickTab => ({
    tab: benchTab(page),
    click: async () => {
      await page.bringToFront();
      await page.mouse.click(20, 20, { delay: DOWN_UP_MS });
    },
  });
  // bearer-worker's pages hint once per 25 s each: a pool of them keeps the clicks closer together.
  const clickPool = [pages.bearer!];
  while (clickPool.length < plan.interactionPages) {
    const page = await openPage('bearer');
    await benchTab(page).evaluate(() => window.bench.ready());
    clickPool.push(page);
  }
  const afterInteraction = await measureAfterInteraction(
    { passthrough: clickTab(pages.passthrough!), bearer: clickPool.map(clickTab) },
    () => watch.stopAll(),
    () => stack.authCalls().bearer?.token ?? 0,
    {
      reps: plan.interactionReps,
      maxReps: plan.maxInteractionReps,
      undecided: (partial) => undecidedFigures({ afterInteraction: partial }, plan.halfWidth.firstCall).length > 0,
    },
    log,
  );
  await Promise.all(clickPool.slice(1).map((page) => page.close()));
  await noteFailures('the calls after a click');
  log('first API call after a page load');
  // With two workers that leave the page's load to the network, as bearer-worker does (first-call-floors.ts).
  const loadTabs = {
    floor: await openTab('floor'),
    passthrough: await openTab('passthrough'),
    inject: await openTab('inject'),
    'api-passthrough': await openTab('api-passthrough'),
    bearer: await openTab('bearer'),
  };
  const firstCallDeps = {
    appOrigin: stack.appOrigin,
    stopAll: () => watch.stopAll(),
    tokenCalls: (c: string) => stack.authCalls()[c]?.token ?? 0,
    recordRequests: () => stack.recordRequests(),
  };
  let firstCall = await measureFirstCall(loadTabs, firstCallDeps, plan.firstCallReps);
  // More cold pairs while the verdict is undecided: they are cheap (two page loads each).
  for (;;) {
    const [v] = undecidedFigures({ firstCall }, plan.halfWidth.firstCall);
    const reps = firstCall.byContender.bearer!.cold.length;
    if (!v || reps >= plan.maxFirstCallReps) break;
    const step = Math.min(40, plan.maxFirstCallReps - reps);
    log(`first-call-after-load [${v.low}, ${v.high}]: ${step} more cold pairs (${reps} so far)`);
    // The passthrough for API requests only goes on with them: bearer-worker's routing, the floor that
    // says what of this figure is ours (first-call-floors.ts), in as many loads as the judged pair.
    const more = {
      passthrough: loadTabs.passthrough,
      'api-passthrough': loadTabs['api-passthrough'],
      bearer: loadTabs.bearer,
    };
    firstCall = await measureFirstCall(more, firstCallDeps, step, undefined, firstCall);
  }
  await Promise.all(Object.values(loadTabs).map((t) => t.close()));
  for (const extra of firstCall.byContender.bearer!.extraTokens ?? [])
    log(
      `a ${extra.kind} load (#${extra.index}) made more than one token fetch; the servers took: ${JSON.stringify(extra.requests)}`,
    );
  log('non-API requests');
  const nonApi = await measureNonApi(
    {
      none: tabs.floor,
      passthrough: tabs.passthrough,
      decline: await openTab('decline'),
      'one-rule': await openTab('one-rule'),
      bearer: tabs.bearer,
    },
    { 'same-origin': `${stack.appOrigin}/bench/asset.txt`, 'third-party': `${stack.thirdPartyOrigin}/asset.txt` },
    watch,
    plan.nonApiReps,
  );
  await watch.close();
  await noteFailures('the non-API requests');
  log('auth calls per token lifetime');
  const lifetime = await measureLifetime(stack, ['seed', 'seed-fixed', 'bearer'], openTab, plan.lifetime);

  // More rounds for the latency verdicts still undecided and wide, while the time budget lasts.
  // Until the plan's deadline, and for at least 45 s even when a loaded machine made the phases run late.
  const extendUntil = Math.max(plan.extendUntilSeconds, elapsed() + 45);
  const extend = async (kind: LatencyKind, step: number, maxRounds: number) => {
    for (;;) {
      // Only this kind's figures: a look bootstraps thousands of resamples (2–4 s for 90–160 bursts).
      const other = kind === 'sequential' ? 'concurrent' : 'sequential';
      const open = undecidedFigures({ latency: { ...sampler.blocks, [other]: {} } }, plan.halfWidth[kind]);
      const rounds = sampler.blocks[kind].bearer.length;
      if (!open.length || rounds >= maxRounds || elapsed() > extendUntil) return;
      const what = open.map((v) => `${v.figure} [${v.low}, ${v.high}]`).join(', ');
      const n = Math.min(step, maxRounds - rounds);
      log(`${what}: ${n} more ${kind} rounds (${rounds} so far)`);
      // The inject floor in the added sequential rounds (a fraction of a second each); not in the added
      // bursts, which the judged pair needs: shared three ways, they would leave concurrent-p95 near ±0.1.
      await sampler.more(
        kind,
        kind === 'sequential' ? ['passthrough', 'inject', 'bearer'] : ['passthrough', 'bearer'],
        n,
      );
    }
  };
  // Sequential rounds first: a fraction of a second each, where a burst takes seconds. Steps long enough
  // that the looks between them cost a tenth of the time or less.
  await extend('sequential', 40, plan.maxSequentialRounds);
  await sampler.closeFrames();
  await noteFailures('the added sequential rounds');
  await extend('concurrent', 6, plan.maxConcurrentRounds);
  await noteFailures('the added bursts');

  let firefox: FirefoxResult | null = null;
  if (plan.firefox) {
    log('Firefox');
    try {
      firefox = await runFirefox(stack, plan.firefox, log);
    } catch (err) {
      log(`warning: no Firefox figures: ${(err as Error).message}`);
    }
  }

  /** One count from every contender's page. */
  const perPage = async (read: () => number) =>
    Object.fromEntries(await Promise.all(CONTENDERS.map(async (c) => [c, await tabs[c].evaluate(read)] as const)));
  const errors = await perPage(() => window.bench.errors());
  const emptyBodies = await perPage(() => window.bench.emptyBodies());
  const verdicts = figureVerdicts({ latency: sampler.blocks, coldStart, firstCall, afterInteraction, nonApi });
  const latency = sampler.result();
  const results: BenchResults = {
    date: new Date().toISOString(),
    seconds: Math.round(elapsed()),
    quick: plan.quick,
    machine: {
      chromium: browser.version(),
      firefox: firefox?.firefox ?? null,
      cpus: cpus().length,
      crossOriginIsolated: isolated,
      node: process.version,
      loadAverage: { start: loadAtStart, end: load() },
      loaded: Math.max(loadAtStart[0]!, load()[0]!) > cpus().length,
    },
    verdicts,
    injectFloor: injectFloor(sampler.blocks),
    firstCallFloors: firstCallFloors(firstCall),
    perCallClock: perCallClock(latency.roundSummaries.concurrent),
    latency,
    lifetime,
    coldStart,
    firstCall,
    afterInteraction,
    nonApi,
    firefox,
    sizes: { ...sizes, budget: { ...SIZE_BUDGETS } },
    server: {
      apiRequests: stack.state.api.requests,
      preflights: stack.state.api.preflights,
      apiByStatus: { ...stack.state.api.byStatus },
      auth: { ...stack.state.auth },
    },
    errors,
    emptyBodies,
  };
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const json = JSON.stringify(results, null, 2) + '\n';
  const stamp = results.date.replace(/[:.]/g, '-');
  const caption =
    `${results.date.slice(0, 16).replace('T', ' ')} UTC · Chromium ${results.machine.chromium}` +
    (firefox ? ` · Firefox ${firefox.firefox}` : '') +
    ` · ${results.machine.cpus} CPUs, load ${loadAtStart[0]} → ${results.machine.loadAverage.end[0]}` +
    (plan.quick ? ' · QUICK plan: decides nothing' : results.machine.loaded ? ' · loaded machine: provisional' : '');
  const svg = renderChart(
    [
      { title: 'Chromium', verdicts },
      ...(firefox ? [{ title: `Firefox (no Static Routing API)`, verdicts: firefox.verdicts }] : []),
    ],
    caption,
  );
  // A quick run decides nothing: it keeps out of latest.* and the README. Nor does a run in which requests
  // failed (a 401 answers faster than a 200: the ratios against it are void); it keeps its stamped file.
  const failed = Object.values(errors).some((n) => n > 0);
  const name = plan.quick ? 'quick' : 'latest';
  writeFileSync(new URL(`${stamp}.json`, dir), json);
  if (!failed) {
    writeFileSync(new URL(`${name}.json`, dir), json);
    writeFileSync(new URL(`${name}.svg`, dir), svg);
  }
  if (!plan.quick && !failed) {
    const readme = new URL('../README.md', import.meta.url);
    writeFileSync(readme, await withReadmeTable(readFileSync(readme, 'utf8'), results));
  }
  log(
    `done in ${results.seconds} s; figures in bench/results/${failed ? stamp : name}.json` +
      (failed ? '' : `, chart in bench/results/${name}.svg`) +
      (plan.quick || failed ? '' : ', the verdicts table in README.md'),
  );
  if (Object.keys(results.server.apiByStatus).some((s) => s !== '200'))
    log(`warning: API answers ${JSON.stringify(results.server.apiByStatus)}`);
  if (Object.values(emptyBodies).some((n) => n > 0))
    log(`warning: 200s delivered with an empty body ${JSON.stringify(emptyBodies)} (the browser's; not voiding)`);
  if (failed) {
    log(`failed requests ${JSON.stringify(errors)}: this run's figures are void; latest.* and README unchanged`);
    process.exitCode = 1;
  }
  console.log(formatTable(results));
} finally {
  await browser.close();
  await stack.close();
}
