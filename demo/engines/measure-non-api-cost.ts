// What the missing Static Routing API costs in Firefox and WebKit: every non-API request from a
// controlled page is a fetch event the worker declines. This times same-origin requests from a page the
// demo's real worker controls (http://localhost:<port>) against the same requests from a page no worker
// controls (http://127.0.0.1:<port>, another origin on the same server of its own). Not part of npm test
// (timings are for reading, not asserting).
// Usage: npx tsx demo/engines/measure-non-api-cost.ts  (needs the demo on ENGINES_APP_PORT, for /sw.js)
import { createServer } from 'node:http';
import type { BrowserEngine } from './browser-tab.js';
import { APP } from './engine-stack.js';
import { launchFirefox } from './launch-firefox.js';
import { launchWebKit } from './launch-webkit.js';

const COLD_REPS = 12;
const FIREFOX_IDLE_MS = 1000;

const worker = await (await fetch(`${APP}/sw.js`)).text();
const server = createServer((req, res) => {
  const url = new URL(req.url!, 'http://x');
  if (url.pathname === '/sw.js') {
    res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
    return res.end(worker);
  }
  const html = url.pathname.endsWith('/page.html');
  res.writeHead(200, { 'content-type': html ? 'text/html' : 'text/plain', 'cache-control': 'no-store' });
  res.end(html ? '<!doctype html><title>non-API cost</title>' : 'x'.repeat(512));
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as { port: number }).port;
const originOf = (dir: 'in' | 'out') => (dir === 'in' ? `http://localhost:${port}` : `http://127.0.0.1:${port}`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const ROUNDS = 9;
const BATCH = 50;

/**
 * Alternates batches on the controlled and the uncontrolled origin in one tab, so that machine noise
 * hits both alike; returns the median over rounds of each batch's mean (WebKit rounds performance.now()
 * to the millisecond, so single requests cannot be timed there).
 */
async function timeRunning(engine: BrowserEngine): Promise<{ out: number; inside: number }> {
  const tab = await engine.open(originOf('in'));
  const batch = () =>
    tab.evaluate(async (n) => {
      for (let i = 0; i < 5; i++) await (await fetch(`asset.txt?warm${i}`)).text();
      const t = performance.now();
      for (let i = 0; i < n; i++) await (await fetch(`asset.txt?${i}`)).text();
      return (performance.now() - t) / n;
    }, BATCH);
  try {
    await tab.goto('/page.html');
    await tab.evaluate(async () => {
      await navigator.serviceWorker.register('/sw.js');
      await navigator.serviceWorker.ready;
    }, null);
    const out: number[] = [];
    const inside: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      await tab.goto(`${originOf('in')}/page.html`);
      if (!(await tab.evaluate(() => navigator.serviceWorker.controller !== null, null)))
        throw new Error('the page was not controlled');
      inside.push(await batch());
      await tab.goto(`${originOf('out')}/page.html`);
      out.push(await batch());
    }
    return { out: median(out), inside: median(inside) };
  } finally {
    await tab.close();
  }
}

/** Firefox only: one request after the worker's idle timeout has stopped it, against no worker at all. */
async function timeAfterIdle(engine: BrowserEngine, dir: 'in' | 'out'): Promise<number> {
  const tab = await engine.open(originOf(dir));
  try {
    await tab.goto('/page.html');
    if (dir === 'in')
      await tab.evaluate(async () => {
        await navigator.serviceWorker.register('/sw.js');
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller)
          await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
      }, null);
    const times: number[] = [];
    for (let i = 0; i < COLD_REPS; i++) {
      await new Promise((r) => setTimeout(r, FIREFOX_IDLE_MS * 2.5)); // let the idle timeout stop the worker
      times.push(
        await tab.evaluate(async (i) => {
          const t = performance.now();
          await (await fetch(`asset.txt?cold${i}`)).text();
          return performance.now() - t;
        }, i),
      );
    }
    return median(times);
  } finally {
    await tab.close();
  }
}

try {
  for (const launch of [
    () =>
      launchFirefox({
        'dom.serviceWorkers.idle_timeout': FIREFOX_IDLE_MS,
        'dom.serviceWorkers.idle_extended_timeout': FIREFOX_IDLE_MS,
        'privacy.reduceTimerPrecision': false,
      }),
    launchWebKit,
  ]) {
    const engine = await launch();
    try {
      const { out, inside } = await timeRunning(engine);
      const line = [`${engine.version}: same-origin non-API GET, median of ${ROUNDS} rounds of ${BATCH}`];
      line.push(
        `no worker ${out.toFixed(2)} ms, worker running ${inside.toFixed(2)} ms (+${(inside - out).toFixed(2)})`,
      );
      if (engine.name === 'firefox') {
        const coldOut = await timeAfterIdle(engine, 'out');
        const coldIn = await timeAfterIdle(engine, 'in');
        line.push(
          `after ${FIREFOX_IDLE_MS * 2.5} ms idle (median of ${COLD_REPS}): no worker ${coldOut.toFixed(2)} ms, worker stopped ${coldIn.toFixed(2)} ms (+${(coldIn - coldOut).toFixed(2)})`,
        );
      }
      console.log(line.join('; '));
    } finally {
      await engine.close();
    }
  }
} finally {
  server.close();
}
