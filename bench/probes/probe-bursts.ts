// `npx tsx bench/probes/probe-bursts.ts`: 1000-GET bursts only, passthrough against bearer-worker (NAMES to change,
// e.g. NAMES=passthrough,inject,bearer: each against the first), in the bench's balanced order, each burst
// after the bench's settle (collect-garbage.ts; GC=0 for the pause alone). Prints every burst with how long
// the page took to issue its calls, the preflights and this process's CPU time it cost, then each page's
// failed requests and the mean and spread of the per-pair log ratio: what a change to the burst's noise buys,
// without the bench. BURSTS rounds (default 12), BURST_SIZE GETs each (1000). FRAMES=1: see below.
import { benchTab, type BenchTab } from '../bench-tab.js';
import { buildBenchScripts } from '../build-bench-scripts.js';
import { cleanSettle } from '../collect-garbage.js';
import { launchBenchChromium } from '../launch-bench-chromium.js';
import { order, pause } from '../latency-sampler.js';
import type { PageName } from '../page/bench-page.js';
import { signUpAndConfigure } from '../sign-up-and-configure.js';
import { startBenchStack } from '../start-bench-stack.js';
import { summarize } from '../summarize.js';

const BURSTS = Number(process.env.BURSTS ?? 12);
const SIZE = Number(process.env.BURST_SIZE ?? 1000);
const stack = await startBenchStack();
const browser = await launchBenchChromium();
try {
  stack.serve(await buildBenchScripts(stack.apiOrigin));
  const context = await browser.newContext();
  const open = async (c: string): Promise<BenchTab> => {
    const page = await context.newPage();
    await page.goto(`${stack.appOrigin}/bench/${c}/`);
    return benchTab(page);
  };
  const floor = await open('floor');
  await signUpAndConfigure(floor, stack.apiOrigin);
  const names = (process.env.NAMES ?? 'passthrough,bearer').split(',');
  const tabs: Record<string, BenchTab> = { floor };
  for (const c of names) tabs[c] ??= await open(c);
  for (const tab of Object.values(tabs)) {
    await tab.evaluate(() => window.bench.ready());
    await tab.evaluate((n) => window.bench.concurrent(n), tab === floor ? SIZE : 50);
  }
  // FRAMES=1: the floor's page holds the contenders' pages in frames, as after the bench's sequential rounds.
  if (process.env.FRAMES === '1') await floor.evaluate((c) => window.bench.interleaved(c as PageName[], 10), names);
  // The bench's own settle, or (GC=0) the pause it had before.
  const settle = process.env.GC === '0' ? () => pause() : cleanSettle(context);
  const logs: Record<string, number[]> = {};
  const perCallLogs: Record<string, number[]> = {};
  for (let b = 0; b < BURSTS; b++) {
    for (const c of order(names, b)) {
      await settle();
      const pre = stack.state.api.preflights;
      const cpu = process.cpuUsage();
      const t0 = performance.now();
      const out = await tabs[c]!.evaluate((n) => window.bench.concurrent(n), SIZE);
      const wall = performance.now() - t0;
      const used = process.cpuUsage(cpu);
      const s = summarize(out);
      (logs[c] ??= []).push(Math.log(s.median));
      const max = Math.max(...out);
      const { issueMs, totalMs, perCall } = await tabs[c]!.evaluate(() => window.bench.lastBurst());
      (perCallLogs[c] ??= []).push(Math.log(perCall.median));
      const cpuMs = (used.user + used.system) / 1000;
      const ms = (x: number) => x.toFixed(0).padStart(5);
      const preflights = stack.state.api.preflights - pre;
      console.log(
        `${b} ${c.padEnd(11)} median ${ms(s.median)} p95 ${ms(s.p95)} max ${ms(max)} wall ${ms(wall)} ` +
          `issue ${ms(issueMs)} total ${ms(totalMs)} per-call median ${ms(perCall.median)} preflights ${preflights} node-cpu ${cpuMs.toFixed(0)} ms`,
      );
    }
  }
  const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
  const sd = (xs: number[]) => Math.sqrt(xs.reduce((x, y) => x + (y - mean(xs)) ** 2, 0) / (xs.length - 1));
  for (const c of names) console.log(`${c}: ${await tabs[c]!.evaluate(() => window.bench.errors())} failed requests`);
  for (const [clock, series] of [
    ['from the burst start', logs],
    ['per-call clock (not judged)', perCallLogs],
  ] as const)
    for (const c of names.slice(1)) {
      const d = series[c]!.map((x, i) => x - series[names[0]!]![i]!);
      console.log(
        `${c} ÷ ${names[0]}, ${clock}: log ratio mean ${mean(d).toFixed(3)} sd ${sd(d).toFixed(3)} ` +
          `(ratio ${Math.exp(mean(d)).toFixed(3)}, ±${((1.96 * sd(d)) / Math.sqrt(d.length)).toFixed(3)} in the log)`,
      );
    }
} finally {
  await browser.close();
  await stack.close();
}
