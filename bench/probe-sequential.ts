// `VARIANTS=built,/tmp/patched.js npx tsx bench/probe-sequential.ts`: sequential GETs only, builds of
// bearer-worker side by side in one launch (each in a browser context of its own, signed up there), with the
// passthrough and the inject floor, in the bench's balanced order. `built` is the worker as the bench builds
// it. Prints each build's ratios to the passthrough and to the first build, with 95 % intervals: what a
// change to the fast path buys, measured against the launch-to-launch spread it would drown in otherwise.
// ROUNDS rounds (default 120) of PER GETs (25) per page; BASE=passthrough leaves the inject floor out.
// MODE=interleaved: one context, the built worker, every contender (NAMES, default passthrough,inject,bearer)
// in a frame of the floor's page, their calls interleaved one by one (bench-page.ts `interleaved`).
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { benchTab, type BenchTab } from './bench-tab.js';
import { buildBenchScripts } from './build-bench-scripts.js';
import { quantileRatio } from './figure-verdicts.js';
import { launchBenchChromium } from './launch-bench-chromium.js';
import { order } from './latency-sampler.js';
import type { PageName } from './page/bench-page.js';
import { signUpAndConfigure } from './sign-up-and-configure.js';
import { startBenchStack } from './start-bench-stack.js';

const ROUNDS = Number(process.env.ROUNDS ?? 120);
const PER = Number(process.env.PER ?? 25);
const files = (process.env.VARIANTS ?? 'built').split(',');
const stack = await startBenchStack();
const browser = await launchBenchChromium();
try {
  const scripts = await buildBenchScripts(stack.apiOrigin);
  await (process.env.MODE === 'interleaved' ? interleaved(scripts) : sideBySide(scripts));
} finally {
  await browser.close();
  await stack.close();
}

async function interleaved(scripts: Awaited<ReturnType<typeof buildBenchScripts>>): Promise<void> {
  stack.serve(scripts);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${stack.appOrigin}/bench/floor/`);
  const host = benchTab(page);
  await signUpAndConfigure(host, stack.apiOrigin);
  const names = (process.env.NAMES ?? 'passthrough,inject,bearer').split(',') as PageName[];
  await host.evaluate(([c, n]) => window.bench.interleaved(c, n), [names, 50] as const);
  const blocks: Record<string, number[][]> = Object.fromEntries(names.map((c) => [c, []]));
  const load = loadavg()[0]!;
  for (let r = 0; r < ROUNDS; r++) {
    const out = await host.evaluate(([c, n]) => window.bench.interleaved(c, n), [order(names, r), PER] as const);
    for (const c of names) blocks[c]!.push(out[c]!);
  }
  console.log(`interleaved: ${ROUNDS} rounds of ${PER}; load ${load.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}`);
  for (const c of names.slice(1))
    console.log(
      `${c.padEnd(12)} ` +
        [0.5, 0.95]
          .map((q) => `q${q} ÷ ${names[0]} ${fmt(quantileRatio(blocks[c]!, blocks[names[0]!]!, q))}`)
          .join('  '),
    );
}

function fmt(i: { estimate: number; low: number; high: number }): string {
  return `${i.estimate.toFixed(3)} [${i.low.toFixed(3)}, ${i.high.toFixed(3)}]`;
}

async function sideBySide(scripts: Awaited<ReturnType<typeof buildBenchScripts>>): Promise<void> {
  const variants = files.map((f) => (f === 'built' ? scripts.bearerWorker : readFileSync(f, 'utf8')));
  stack.serve({ ...scripts, bearerVariants: variants });
  const tabs: Record<string, BenchTab> = {};
  const open = async (variant: number | null, pages: string[]) => {
    const context = await browser.newContext();
    if (variant !== null)
      await context.addCookies([{ name: 'bench-variant', value: String(variant), url: stack.appOrigin }]);
    const tab = async (c: string) => {
      const page = await context.newPage();
      await page.goto(`${stack.appOrigin}/bench/${c}/`);
      return benchTab(page);
    };
    await signUpAndConfigure(await tab('floor'), stack.apiOrigin);
    for (const c of pages) {
      const t = await tab(c);
      await t.evaluate(() => window.bench.ready());
      tabs[variant === null || c !== 'bearer' ? c : `v${variant}`] = t;
    }
  };
  await open(null, (process.env.BASE ?? 'passthrough,inject').split(','));
  for (let i = 0; i < variants.length; i++) await open(i, ['bearer']);
  const names = Object.keys(tabs);
  for (const c of names) await tabs[c]!.evaluate((n) => window.bench.sequential(n), 50);
  const blocks: Record<string, number[][]> = Object.fromEntries(names.map((c) => [c, []]));
  const load = loadavg()[0]!;
  for (let r = 0; r < ROUNDS; r++)
    for (const c of order(names, r)) blocks[c]!.push(await tabs[c]!.evaluate((n) => window.bench.sequential(n), PER));
  const errors = await Promise.all(names.map((c) => tabs[c]!.evaluate(() => window.bench.errors())));
  console.log(
    `${ROUNDS} rounds of ${PER}; load ${load.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}; errors ${errors.join(' ')}`,
  );
  for (const c of names.filter((n) => n !== 'passthrough')) {
    const line = [`${c.padEnd(7)} ${files[Number(c.slice(1))] ?? ''}`];
    for (const q of [0.5, 0.95]) {
      line.push(`q${q} ÷ passthrough ${fmt(quantileRatio(blocks[c]!, blocks.passthrough!, q))}`);
      if (c.startsWith('v') && c !== 'v0') line.push(`÷ v0 ${fmt(quantileRatio(blocks[c]!, blocks.v0!, q))}`);
    }
    console.log(line.join('  '));
  }
}
