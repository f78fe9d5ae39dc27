// `npx tsx bench/probes/probe-cold-start.ts`: where an idle worker woken by an API call spends its time,
// split at the servers. Every worker stopped, then one API call from the passthrough's page and one from
// bearer-worker's, REPS times (default 20), and the yardstick (the token fetched by a page with no
// worker). The servers run in this process and stamp each request's arrival and the end of its answer,
// so the spans between server events are on one clock; the page's own clock only enters the first and
// last spans (page → first arrival, last answer → page), whose sum is exact. WORKER_CLOCK=1 also stamps
// each woken worker's own steps on its own clock (worker-clock.ts: measurement builds of both workers).
import type { IncomingMessage } from 'node:http';
import { benchTab } from '../bench-tab.js';
import { buildBenchScripts } from '../build-bench-scripts.js';
import { launchBenchChromium } from '../launch-bench-chromium.js';
import { signUpAndConfigure } from '../sign-up-and-configure.js';
import { startBenchStack } from '../start-bench-stack.js';
import { summarize } from '../summarize.js';
import { WorkerWatch } from '../worker-watch.js';
import { parseStamps, withWorkerClock, type WorkerStamps } from './worker-clock.js';

const REPS = Number(process.env.REPS ?? 20);
const CLOCK = process.env.WORKER_CLOCK === '1';

interface Stamp {
  kind: 'token' | 'api';
  in: number;
  out: number;
}

const now = () => performance.timeOrigin + performance.now();
const stamps: Stamp[] = [];
const clock: WorkerStamps[] = [];
let preflights = 0;
const stack = await startBenchStack();
stack.onRequest((server, req: IncomingMessage, res) => {
  const [path = '', query = ''] = (req.url ?? '').split('?');
  if (path === '/__t') return void clock.push(parseStamps(query));
  const kind = server === 'api' && path.startsWith('/api/v1/') ? 'api' : path.endsWith('/auth/token') ? 'token' : null;
  if (!kind) return;
  if (req.method === 'OPTIONS') return void preflights++;
  const s: Stamp = { kind, in: now(), out: NaN };
  stamps.push(s);
  res.on('finish', () => (s.out = now()));
});
const browser = await launchBenchChromium();
try {
  const scripts = await buildBenchScripts(stack.apiOrigin);
  if (CLOCK) {
    scripts.bearerWorker = withWorkerClock(scripts.bearerWorker, `${stack.apiOrigin}/api/`);
    scripts.passthroughWorker = withWorkerClock(scripts.passthroughWorker, `${stack.apiOrigin}/api/`, 'pass');
  }
  stack.serve(scripts);
  const context = await browser.newContext();
  const open = async (c: string) => {
    const page = await context.newPage();
    await page.goto(`${stack.appOrigin}/bench/${c}/`);
    return benchTab(page);
  };
  const floor = await open('floor');
  await signUpAndConfigure(floor, stack.apiOrigin);
  const tabs = { passthrough: await open('passthrough'), bearer: await open('bearer') };
  for (const tab of Object.values(tabs)) await tab.evaluate(() => window.bench.ready());
  const watch = await WorkerWatch.open(await context.newPage());
  const spans: Record<string, Record<string, number[]>> = { passthrough: {}, bearer: {}, yardstick: {} };
  const add = (who: string, what: string, ms: number) => (spans[who]![what] ??= []).push(ms);
  /** One timed request from `tab`; the server stamps it made, in order. */
  const timed = async (tab: typeof floor, call: () => Promise<{ t0: number; ms: number }>) => {
    const from = stamps.length;
    const { t0, ms } = await tab.evaluate(call);
    // The answer's 'finish' can land after the page has it.
    await new Promise((r) => setTimeout(r, 20));
    return { t0, t1: t0 + ms, ms, s: stamps.slice(from) };
  };
  for (let r = 0; r < REPS; r++) {
    const y = await timed(floor, async () => {
      const t0 = performance.timeOrigin + performance.now();
      return { t0, ms: await window.bench.probe('/api/auth/token') };
    });
    add('yardstick', 'total', y.ms);
    add('yardstick', 'server', y.s[0]!.out - y.s[0]!.in);
    // What a page with no worker takes between the token's answer and its next request (the API call):
    // the same span as bearer-worker's "token answered → API request in", without a worker.
    const two = await timed(floor, async () => {
      const t0 = performance.timeOrigin + performance.now();
      await window.bench.probe('/api/auth/token');
      return { t0, ms: await window.bench.one() };
    });
    const [tok, call] = [two.s.find((s) => s.kind === 'token')!, two.s.find((s) => s.kind === 'api')!];
    add('yardstick', 'page: token answered → API request in', call.in - tok.out);
    for (const c of r % 2 ? (['bearer', 'passthrough'] as const) : (['passthrough', 'bearer'] as const)) {
      await tabs[c].evaluate(() => window.bench.sequential(2));
      const w = await timed(tabs[c], async () => {
        const t0 = performance.timeOrigin + performance.now();
        return { t0, ms: await window.bench.one() };
      });
      const warmApi = w.s.find((s) => s.kind === 'api')!;
      add(c, 'warm: total', w.ms);
      add(c, 'warm: page ↔ worker ↔ network', w.ms - (warmApi.out - warmApi.in));
      await watch.stopAll();
      const x = await timed(tabs[c], async () => {
        const t0 = performance.timeOrigin + performance.now();
        return { t0, ms: await window.bench.one() };
      });
      const token = x.s.find((s) => s.kind === 'token');
      const api = x.s.find((s) => s.kind === 'api')!;
      add(c, 'total', x.ms);
      add(c, 'api server', api.out - api.in);
      if (token) {
        add(c, 'token server', token.out - token.in);
        add(c, 'token answered → API request in', api.in - token.out);
        add(c, 'page ↔ worker ↔ network (the rest)', x.ms - (api.out - token.in));
      } else add(c, 'page ↔ worker ↔ network (the rest)', x.ms - (api.out - api.in));
    }
  }
  for (const [who, parts] of Object.entries(spans)) {
    console.log(`\n${who} (medians of ${REPS}, ms)`);
    for (const [what, xs] of Object.entries(parts))
      console.log(`  ${what.padEnd(40)} ${summarize(xs).median.toFixed(2)}`);
  }
  if (CLOCK) printWorkerClock(clock);
  console.log(`\nCORS preflights during the probe: ${preflights}`);
  await watch.close();
} finally {
  await browser.close();
  await stack.close();
}

/** Medians on the workers' own clocks: bearer-worker's calls that fetched a token, the passthrough's first call per start. */
function printWorkerClock(all: WorkerStamps[]): void {
  const med = (xs: number[]) => summarize(xs).median.toFixed(2);
  const woken = all.filter((t) => !t.who && t.tok !== undefined);
  const firsts = new Map<number, WorkerStamps>();
  for (const t of all.filter((t) => t.who === 'pass'))
    if ((firsts.get(t.start)?.ev ?? Infinity) > t.ev) firsts.set(t.start, t);
  const pass = [...firsts.values()];
  console.log(
    `\nworker clock (ms; medians of ${woken.length} woken bearer-worker calls, ${pass.length} passthrough starts)`,
  );
  console.log(
    `  script start           passthrough ${med(pass.map((t) => t.start))}, bearer-worker ${med(woken.map((t) => t.start))}`,
  );
  console.log(
    `  → the API fetch event  passthrough ${med(pass.map((t) => t.ev - t.start))}, bearer-worker ${med(woken.map((t) => t.ev - t.start))}`,
  );
  console.log(`  → the token fetch      bearer-worker ${med(woken.map((t) => t.tok! - t.ev))}`);
  console.log(`  → its answer           bearer-worker ${med(woken.map((t) => t.tokRes! - t.tok!))}`);
  console.log(
    `  → the API fetch        passthrough ${med(pass.map((t) => t.api - t.ev))} (from the event), bearer-worker ${med(woken.map((t) => t.api - t.tokRes!))}`,
  );
}
