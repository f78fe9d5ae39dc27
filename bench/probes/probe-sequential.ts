// `npx tsx bench/probes/probe-sequential.ts`: sequential GETs only, one launch, as the bench runs them: every page in
// a frame of the floor's page, their calls interleaved one by one (bench-page.ts `interleaved`), in ROUNDS
// rounds (default 120) of PER turns (25). Prints each page's ratios to the first with 95 % intervals.
// - BASE: the bench's pages to run (default passthrough,inject);
// - VARIANTS=built,/tmp/patched.js: builds of bearer-worker beside them, each at /bench/bearer-<n>/ (`built`:
//   the worker as the bench builds it), also compared with the first build: what a change to the fast path
//   buys, within one launch, where the launch-to-launch spread would drown it;
// - MODE=pages: a tab per page and 25 calls each in turn, to set against the interleaved order.
import { loadavg } from 'node:os';
import { benchTab, type BenchTab } from '../bench-tab.js';
import { buildBenchScripts } from '../build-bench-scripts.js';
import { bearerVariants } from './bearer-variants.js';
import { quantileRatio } from '../figure-verdicts.js';
import { launchBenchChromium } from '../launch-bench-chromium.js';
import { order } from '../latency-sampler.js';
import type { PageName } from '../page/bench-page.js';
import { signUpAndConfigure } from '../sign-up-and-configure.js';
import { startBenchStack } from '../start-bench-stack.js';

const ROUNDS = Number(process.env.ROUNDS ?? 120);
const PER = Number(process.env.PER ?? 25);
const files = (process.env.VARIANTS ?? 'built').split(',').filter(Boolean);
const base = (process.env.BASE ?? 'passthrough,inject').split(',') as PageName[];
const stack = await startBenchStack();
const browser = await launchBenchChromium();
try {
  const scripts = await buildBenchScripts(stack.apiOrigin);
  const variants = bearerVariants(files, scripts.bearerWorker);
  stack.serve({ ...scripts, bearerVariants: variants });
  const names = [...base, ...variants.map((_, i) => `bearer-${i}` as PageName)];
  const context = await browser.newContext();
  const open = async (name: string) => {
    const page = await context.newPage();
    await page.goto(`${stack.appOrigin}/bench/${name}/`);
    return benchTab(page);
  };
  const host = await open('floor');
  await signUpAndConfigure(host, stack.apiOrigin);
  const blocks: Record<string, number[][]> = Object.fromEntries(names.map((c) => [c, []]));
  const load = loadavg()[0]!;
  if (process.env.MODE === 'pages') {
    const tabs: Record<string, BenchTab> = {};
    for (const c of names) {
      tabs[c] = await open(c);
      await tabs[c].evaluate(() => window.bench.ready());
      await tabs[c].evaluate((n) => window.bench.sequential(n), 50);
    }
    for (let r = 0; r < ROUNDS; r++)
      for (const c of order(names, r)) blocks[c]!.push(await tabs[c]!.evaluate((n) => window.bench.sequential(n), PER));
  } else {
    await host.evaluate(([c, n]) => window.bench.interleaved(c, n), [names, 50] as const);
    for (let r = 0; r < ROUNDS; r++) {
      const out = await host.evaluate(([c, n]) => window.bench.interleaved(c, n), [order(names, r), PER] as const);
      for (const c of names) blocks[c]!.push(out[c]!);
    }
  }
  const mode = process.env.MODE === 'pages' ? 'a tab per page' : 'interleaved';
  console.log(`${mode}: ${ROUNDS} rounds of ${PER}; load ${load.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}`);
  const fmt = (i: { estimate: number; low: number; high: number }) =>
    `${i.estimate.toFixed(3)} [${i.low.toFixed(3)}, ${i.high.toFixed(3)}]`;
  for (const c of names.slice(1)) {
    const line = [c.padEnd(12), (files[Number(c.split('-')[1])] ?? '').padEnd(16)];
    for (const q of [0.5, 0.95]) {
      line.push(`q${q} ÷ ${names[0]} ${fmt(quantileRatio(blocks[c]!, blocks[names[0]!]!, q))}`);
      if (c.startsWith('bearer-') && c !== 'bearer-0')
        line.push(`÷ bearer-0 ${fmt(quantileRatio(blocks[c]!, blocks['bearer-0']!, q))}`);
    }
    console.log(line.join('  '));
  }
} finally {
  await browser.close();
  await stack.close();
}
