// `npx tsx bench/probes/probe-first-call-timeline.ts`: where the first API call after a cold page load waits.
// For each cold load (every worker stopped first), in turns within one launch: the call's time in the page,
// and, in ms after the navigation reached the app server (page and servers on one clock): when the call was
// made, when the worker's token fetch reached Better Auth and was answered, when the API call arrived. A call
// made before the token's answer waited for (part of) the token fetch. REPS turns (default 20), BOOT ms of
// app boot (50). VARIANTS=built,/tmp/old.js: builds of bearer-worker (built with authBasePath
// /bench/bearer/auth), each at /bench/bearer-<n>/, beside the passthrough, compared pair by pair within one
// launch; PAGE=<file>: a bench page script built elsewhere (another bridge). A build instrumented to send an
// `x-probe: <hint>,<token fetch>,<script run>` header (the worker's performance.now() at its page-load hint,
// at its token fetch and when its script ran) on its token fetch gets the worker's own times printed too.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { order } from '../balanced-order.js';
import { benchTab, type BenchTab } from '../bench-tab.js';
import { buildBenchScripts } from '../build-bench-scripts.js';
import { bearerVariants } from './bearer-variants.js';
import { pairedMedianRatio, roundedRatio } from '../figure-verdicts.js';
import { launchBenchChromium } from '../launch-bench-chromium.js';
import { signUpAndConfigure } from '../sign-up-and-configure.js';
import { startBenchStack } from '../start-bench-stack.js';
import { summarize } from '../summarize.js';
import { WorkerWatch } from '../worker-watch.js';

const REPS = Number(process.env.REPS ?? 20);
const BOOT = Number(process.env.BOOT ?? 50);
const files = (process.env.VARIANTS ?? 'built').split(',').filter(Boolean);

type Mark = 'nav' | 'token-in' | 'token-out' | 'api-in';
let marks: Partial<Record<Mark, number>> = {};
/** From builds instrumented to send it: the worker's clock at the hint and at the token fetch. */
let probe: number[] = [];
const mark = (m: Mark) => (marks[m] ??= performance.now());

const stack = await startBenchStack();
const browser = await launchBenchChromium();
try {
  const scripts = await buildBenchScripts(stack.apiOrigin);
  const variants = bearerVariants(files, scripts.bearerWorker);
  // PAGE=<file>: another build of the bench page (another bridge) in every contender's page.
  const page = process.env.PAGE ? readFileSync(process.env.PAGE, 'utf8') : scripts.page;
  stack.serve({ ...scripts, page, bearerVariants: variants });
  stack.onRequest((server, req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    if (server === 'api') mark('api-in');
    else if (/^\/bench\/[\w-]+\/$/.test(path) && req.url!.includes('first=')) mark('nav');
    else if (path === '/api/auth/token') {
      mark('token-in');
      const h = req.headers['x-probe'];
      if (typeof h === 'string' && !probe.length) probe = h.split(',').map(Number);
      res.on('finish', () => mark('token-out'));
    }
  });
  const context = await browser.newContext();
  const openPage = async (name: string) => {
    const page = await context.newPage();
    await page.goto(`${stack.appOrigin}/bench/${name}/`);
    return page;
  };
  const open = async (name: string) => benchTab(await openPage(name));
  const floor = await openPage('floor');
  await signUpAndConfigure(benchTab(floor), stack.apiOrigin);
  const names = ['passthrough', ...variants.map((_, i) => `bearer-${i}`)];
  const tabs: Record<string, BenchTab> = {};
  for (const c of names) {
    tabs[c] = await open(c);
    // An older bridge may refuse a newer worker's protocol: the first calls do not wait for `ready`.
    await tabs[c].evaluate(() => window.bench.ready()).catch((e: Error) => console.log(`${c}: ${e.message}`));
  }
  const watch = await WorkerWatch.open(floor);
  type Row = {
    call: number;
    at: number;
    tokenIn: number;
    tokenOut: number;
    apiIn: number;
    hint: number;
    token: number;
    evaluated: number;
  };
  const rows: Record<string, Row[]> = Object.fromEntries(names.map((c) => [c, []]));
  let n = 0;
  for (let r = 0; r < REPS; r++) {
    await watch.stopAll();
    for (const c of order(names, r)) {
      marks = {};
      probe = [];
      await tabs[c]!.goto(`${stack.appOrigin}/bench/${c}/?first=${BOOT}&load=${++n}`);
      const first = await tabs[c]!.evaluate(() => window.bench.firstCall());
      const pageOrigin = await tabs[c]!.evaluate(() => performance.timeOrigin);
      await new Promise((done) => setTimeout(done, 100));
      const at = (m: Mark) => (marks[m] === undefined ? NaN : marks[m]! - marks.nav!);
      rows[c]!.push({
        call: first?.ok ? first.ms : NaN,
        at: (first ? pageOrigin + first.at : NaN) - (performance.timeOrigin + marks.nav!),
        tokenIn: at('token-in'),
        tokenOut: at('token-out'),
        apiIn: at('api-in'),
        hint: probe[0] ?? NaN,
        token: probe[1] ?? NaN,
        evaluated: probe[2] ?? NaN,
      });
    }
  }
  const med = (xs: number[]) => {
    const ok = xs.filter((x) => !Number.isNaN(x));
    return ok.length ? summarize(ok).median.toFixed(1) : '-';
  };
  /** Median of per-pair ratios with its 95 % interval, over the pairs where both calls succeeded. */
  const ratio = (a: Row[], b: Row[]) => {
    const pairs = a.map((x, i) => [x.call, b[i]!.call] as const).filter(([x, y]) => !Number.isNaN(x + y));
    const r = roundedRatio(
      pairedMedianRatio(
        pairs.map(([x]) => x),
        pairs.map(([, y]) => y),
      ),
    );
    return `${r.ratio}× [${r.low}, ${r.high}]`;
  };
  const base = rows.passthrough!;
  for (const [c, xs] of Object.entries(rows)) {
    const waited = xs.filter((x) => x.tokenOut > x.at).length;
    console.log(
      `${c}${c === 'passthrough' ? '' : ` (${files[Number(c.split('-')[1])]})`}: call ${med(xs.map((x) => x.call))} ms, ` +
        `${ratio(xs, base)} the passthrough (median of pairs); after the navigation: ` +
        `call made ${med(xs.map((x) => x.at))}, token fetch in ${med(xs.map((x) => x.tokenIn))}, answered ` +
        `${med(xs.map((x) => x.tokenOut))}, API call in ${med(xs.map((x) => x.apiIn))} ms; ` +
        `calls made before the token's answer: ${waited} of ${xs.length}` +
        (xs.some((x) => x.token >= 0)
          ? `; worker clock: script run ${med(xs.map((x) => x.evaluated))}, hint ${med(xs.map((x) => x.hint))}, token fetch ${med(xs.map((x) => x.token))}, ` +
            `hint to token fetch ${med(xs.map((x) => x.token - x.hint))} ms`
          : ''),
    );
  }
  // Builds against the first one, pair by pair: what a change to the worker buys within one launch.
  for (let i = 1; i < variants.length; i++)
    console.log(
      `bearer-${i} ÷ bearer-0 (${files[i]} ÷ ${files[0]}): ${ratio(rows[`bearer-${i}`]!, rows['bearer-0']!)}`,
    );
  await watch.close();
} finally {
  await browser.close();
  await stack.close();
}
