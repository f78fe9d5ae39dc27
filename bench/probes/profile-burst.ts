// `npx tsx bench/probes/profile-burst.ts`: where a worker's time goes during 1000-request bursts. V8's sampling
// profiler (CDP Profiler) runs on the worker's own target while the page fires the bursts, once for the
// passthrough worker and once for bearer-worker (unminified, so its functions have names), alternating.
// Prints self time by function and by kind (idle, GC, the browser's native code, our script), and writes
// the .cpuprofile files of the first burst (open them in Chrome DevTools' Performance panel) to a temp dir.
//
// BENCH_WORKER=<file> serves that file as bearer-worker instead (a patched build to compare, as in
// `npm run bench`); BURSTS and BURST_SIZE change the load (defaults 6 and 1000).
import '../../scripts/ensure-chromium.mjs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type CDPSession } from 'puppeteer-core';
// @ts-expect-error plain .mjs helper shared with the e2e config
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.mjs';
import { benchTab, type BenchTab } from '../bench-tab.js';
import { buildBenchScripts } from '../build-bench-scripts.js';
import { signUpAndConfigure } from '../sign-up-and-configure.js';
import { startBenchStack } from '../start-bench-stack.js';
import { summarize } from '../summarize.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const BURSTS = Number(process.env.BURSTS ?? 6);
const BURST_SIZE = Number(process.env.BURST_SIZE ?? 1000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function workerSession(browser: Browser, script: string): Promise<CDPSession> {
  const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().endsWith(script), {
    timeout: 10_000,
  });
  return target.createCDPSession();
}

/** Self time (ms) per function, attributed from the samples and their time deltas. */
function selfTimes(profile: Profile): Map<string, { ms: number; kind: string }> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = new Map<string, { ms: number; kind: string }>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const name = f.functionName || '(anonymous)';
    const kind = f.url.includes('/bench/')
      ? 'worker script'
      : ['(idle)', '(garbage collector)', '(program)'].includes(name)
        ? name
        : f.url
          ? 'other script'
          : 'native (fetch, Request, Headers, promises)';
    const key = kind === 'worker script' ? `${name} @${f.lineNumber + 1}:${f.columnNumber + 1}` : `${name} [${kind}]`;
    const x = out.get(key) ?? { ms: 0, kind };
    x.ms += ms;
    out.set(key, x);
  });
  return out;
}

const stack = await startBenchStack();
const scripts = await buildBenchScripts(stack.apiOrigin, { minify: false });
stack.serve(scripts);
const browser = await puppeteer.launch({
  executablePath: findChromium() as string,
  args: CHROMIUM_ARGS as string[],
  headless: true,
});
try {
  const open = async (c: string): Promise<BenchTab> => {
    const tab = benchTab(await browser.newPage());
    await tab.goto(`${stack.appOrigin}/bench/${c}/`);
    return tab;
  };
  const floor = await open('floor');
  await signUpAndConfigure(floor, stack.apiOrigin);
  const tabs = { passthrough: await open('passthrough'), bearer: await open('bearer') };
  for (const tab of Object.values(tabs)) {
    await tab.evaluate(() => window.bench.ready());
    await tab.evaluate((n) => window.bench.concurrent(n), 200);
  }
  const sessions = {
    passthrough: await workerSession(browser, '/bench/passthrough/sw.js'),
    bearer: await workerSession(browser, '/bench/bearer/sw.js'),
  };
  const dir = mkdtempSync(join(tmpdir(), 'bearer-worker-profiles-'));
  const totals: Record<string, Map<string, { ms: number; kind: string }>> = {};
  const latencies: Record<string, number[]> = { passthrough: [], bearer: [] };
  const wall: Record<string, number> = { passthrough: 0, bearer: 0 };
  for (const c of ['passthrough', 'bearer'] as const) {
    await sessions[c].send('Profiler.enable');
    await sessions[c].send('Profiler.setSamplingInterval', { interval: 100 });
  }
  for (let b = 0; b < BURSTS; b++) {
    for (const c of b % 2 ? (['bearer', 'passthrough'] as const) : (['passthrough', 'bearer'] as const)) {
      await sleep(500);
      await sessions[c].send('Profiler.start');
      latencies[c]!.push(...(await tabs[c].evaluate((n) => window.bench.concurrent(n), BURST_SIZE)));
      const { profile } = (await sessions[c].send('Profiler.stop')) as unknown as { profile: Profile };
      wall[c]! += (profile.endTime - profile.startTime) / 1000;
      if (b === 0) writeFileSync(join(dir, `${c}-burst.cpuprofile`), JSON.stringify(profile));
      const t = (totals[c] ??= new Map());
      for (const [k, v] of selfTimes(profile)) {
        const x = t.get(k) ?? { ms: 0, kind: v.kind };
        x.ms += v.ms;
        t.set(k, x);
      }
    }
  }
  const requests = BURSTS * BURST_SIZE;
  for (const c of ['passthrough', 'bearer'] as const) {
    const failed = await tabs[c].evaluate(() => window.bench.errors());
    if (failed)
      console.log(`**warning: ${failed} failed requests on the ${c} page: its profile is not of the fast path**`);
  }
  for (const c of ['passthrough', 'bearer'] as const) {
    const t = totals[c]!;
    const s = summarize(latencies[c]!);
    console.log(
      `\n## ${c}: ${BURSTS} bursts of ${BURST_SIZE}, page latency median ${s.median.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms; profiled ${wall[c]!.toFixed(0)} ms`,
    );
    const byKind = new Map<string, number>();
    for (const v of t.values()) byKind.set(v.kind, (byKind.get(v.kind) ?? 0) + v.ms);
    const busy = wall[c]! - (byKind.get('(idle)') ?? 0);
    console.log(`\nworker thread busy: ${((busy * 1000) / requests).toFixed(0)} µs per request`);
    console.log('\n| kind | ms | µs per request | share |\n| --- | ---: | ---: | ---: |');
    for (const [k, ms] of [...byKind].sort((a, b) => b[1] - a[1]))
      console.log(
        `| ${k} | ${ms.toFixed(1)} | ${((ms * 1000) / requests).toFixed(1)} | ${((100 * ms) / wall[c]!).toFixed(1)} % |`,
      );
    console.log('\n| function (self time) | ms | µs per request |\n| --- | ---: | ---: |');
    for (const [k, v] of [...t]
      .filter(([, v]) => v.kind !== '(idle)')
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, 25))
      console.log(`| ${k} | ${v.ms.toFixed(1)} | ${((v.ms * 1000) / requests).toFixed(1)} |`);
  }
  console.log(`\nprofiles of the first burst: ${dir}`);
} finally {
  await browser.close();
  await stack.close();
}
