// `npx tsx bench/probe-bursts.ts`: 1000-GET bursts only, passthrough against bearer-worker (NAMES to
// change), order flipped every round, each burst after the bench's settle (collect-garbage.ts; GC=0 for
// the pause alone). Prints every burst with the preflights and this process's CPU time it cost, then the
// mean and spread of the per-pair log ratio: what a change to the burst's noise buys, without the bench.
// BURSTS rounds (default 12), BURST_SIZE GETs each (1000).
import '../scripts/ensure-chromium.mjs';
import { chromium } from '@playwright/test';
// @ts-expect-error plain .mjs helper shared with the e2e config
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium.mjs';
import { benchTab, type BenchTab } from './bench-tab.js';
import { buildBenchScripts } from './build-bench-scripts.js';
import { collectGarbage, EXPOSE_GC } from './collect-garbage.js';
import { pause } from './latency-sampler.js';
import { signUpAndConfigure } from './sign-up-and-configure.js';
import { startBenchStack } from './start-bench-stack.js';
import { summarize } from './summarize.js';

const BURSTS = Number(process.env.BURSTS ?? 12);
const SIZE = Number(process.env.BURST_SIZE ?? 1000);
const stack = await startBenchStack();
const browser = await chromium.launch({
  executablePath: findChromium() as string | undefined,
  args: [...(CHROMIUM_ARGS as string[]), EXPOSE_GC],
});
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
  const tabs: Record<string, BenchTab> = {
    floor,
    passthrough: await open('passthrough'),
    bearer: await open('bearer'),
  };
  for (const tab of Object.values(tabs)) {
    await tab.evaluate(() => window.bench.ready());
    await tab.evaluate((n) => window.bench.concurrent(n), tab === floor ? SIZE : 50);
  }
  const names = (process.env.NAMES ?? 'passthrough,bearer').split(',');
  const GC = process.env.GC !== '0';
  const logs: Record<string, number[]> = {};
  for (let b = 0; b < BURSTS; b++) {
    for (const c of b % 2 ? [...names].reverse() : names) {
      if (GC) await collectGarbage(context);
      await pause(GC ? 250 : 500);
      const pre = stack.state.api.preflights;
      const cpu = process.cpuUsage();
      const t0 = performance.now();
      const out = await tabs[c]!.evaluate((n) => window.bench.concurrent(n), SIZE);
      const wall = performance.now() - t0;
      const used = process.cpuUsage(cpu);
      const s = summarize(out);
      (logs[c] ??= []).push(Math.log(s.median));
      console.log(
        `${b} ${c.padEnd(11)} median ${s.median.toFixed(0).padStart(5)} p95 ${s.p95.toFixed(0).padStart(5)} max ${Math.max(
          ...out,
        )
          .toFixed(0)
          .padStart(
            5,
          )} wall ${wall.toFixed(0).padStart(5)} preflights ${stack.state.api.preflights - pre} node-cpu ${((used.user + used.system) / 1000).toFixed(0)} ms`,
      );
    }
  }
  const d = logs.bearer!.map((x, i) => x - logs.passthrough![i]!);
  const mean = d.reduce((a, b) => a + b, 0) / d.length;
  const sd = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / (d.length - 1));
  const sdOf = (xs: number[]) => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
  };
  console.log(
    `log ratio mean ${mean.toFixed(3)} sd ${sd.toFixed(3)}; log sd passthrough ${sdOf(logs.passthrough!).toFixed(3)} bearer ${sdOf(logs.bearer!).toFixed(3)}`,
  );
} finally {
  await browser.close();
  await stack.close();
}
