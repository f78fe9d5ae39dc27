// Everything the bench pages load, built at bench time from the working tree: the page script (bridge +
// seed clients), the real worker, and a passthrough worker.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BEARER_AUTH } from './start-bench-stack.js';
import { buildClassicScript, buildWorkerScript } from '../vite/build-worker-script.js';

export interface BenchScripts {
  page: string;
  bearerWorker: string;
  passthroughWorker: string;
  declineWorker: string;
}

// The platform's own cost: a fetch handler that only forwards the request.
const PASSTHROUGH_WORKER = `self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => e.respondWith(fetch(e.request)));
`;

// The least a fetch handler can cost: it declines every request (no respondWith), so the browser sends
// it on itself. What bearer-worker does for a non-API request where there is no Static Routing API.
const DECLINE_WORKER = `self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', () => {});
`;

/** `minify: false` keeps the worker's function names readable in a profile (bench/profile-burst.ts). */
export async function buildBenchScripts(apiOrigin: string, options: { minify?: boolean } = {}): Promise<BenchScripts> {
  // The worker as the demo configures it (vite.config.ts), but for Better Auth's path (start-bench-stack.ts).
  let bearerWorker = await buildWorkerScript(
    {
      apiOrigins: [apiOrigin],
      apiPathPrefix: '/api',
      authBasePath: BEARER_AUTH,
    },
    options,
  );
  // A patched build to compare (a change to the worker measured before it is made): BENCH_WORKER=<file>.
  if (process.env.BENCH_WORKER) bearerWorker = readFileSync(process.env.BENCH_WORKER, 'utf8');
  const page = await buildClassicScript(fileURLToPath(new URL('./page/bench-page.ts', import.meta.url)), 'benchPage');
  return { page, bearerWorker, passthroughWorker: PASSTHROUGH_WORKER, declineWorker: DECLINE_WORKER };
}
