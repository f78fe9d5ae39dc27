// Everything the bench pages load, built at bench time from the working tree: the page script (bridge +
// seed clients), the real worker, a passthrough worker and the least an injecting worker can do.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BEARER_AUTH } from './bearer-auth-path.js';
import { buildClassicScript, buildWorkerScript } from '../vite/build-worker-script.js';

export interface BenchScripts {
  page: string;
  bearerWorker: string;
  passthroughWorker: string;
  injectWorker: string;
  declineWorker: string;
  oneRuleWorker: string;
  apiPassthroughWorker: string;
  /** Other builds of bearer-worker, served at /bench/bearer-<n>/sw.js (start-bench-stack.ts); probes only. */
  bearerVariants?: string[];
}

// The platform's own cost: a fetch handler that only forwards the request.
const PASSTHROUGH_WORKER = `self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => e.respondWith(fetch(e.request)));
`;

// The least a worker that adds the token can do: a token in memory (the page registers it with
// ?api=<prefix>&token=<jwt>: a shortcut no real worker may take), API requests copied with one header.
// No router, no checks, no refresh, no sign-out: bearer-worker's floor, measured beside it.
const INJECT_WORKER = `const q = new URL(location.href).searchParams;
const api = q.get('api');
const authorization = 'Bearer ' + q.get('token');
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => {
  if (e.request.url.startsWith(api)) e.respondWith(fetch(new Request(e.request, { headers: { authorization } })));
});
`;

// The passthrough for API requests only (?api=<prefix>): it leaves the page's own load (the navigation, its
// scripts) to the network, as bearer-worker's static routes do. First calls only (measure-first-call.ts): a
// worker that served the page's navigation or script answers the page's first API call faster.
const API_PASSTHROUGH_WORKER = `const api = new URL(location.href).searchParams.get('api');
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => {
  if (e.request.url.startsWith(api)) e.respondWith(fetch(e.request));
});
`;

// The least a fetch handler can cost: it declines every request (no respondWith), so the browser sends
// it on itself. What bearer-worker does for a non-API request where there is no Static Routing API.
const DECLINE_WORKER = `self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', () => {});
`;

// The least Static Routing can cost a worker: one rule that sends every request to the network, so the
// browser answers non-API requests without starting it (its fetch handler is never reached). What
// bearer-worker's non-API requests with the worker stopped are judged against: the rest is its rules.
const ONE_RULE_WORKER = `self.addEventListener('install', (e) => {
  self.skipWaiting();
  const all = { protocol: '*', username: '*', password: '*', hostname: '*', port: '*', pathname: '/*', search: '*', hash: '*' };
  if (e.addRoutes) e.waitUntil(e.addRoutes([{ condition: { urlPattern: all }, source: 'network' }]));
});
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', () => {});
`;

/** `minify: false` keeps the worker's function names readable in a profile (bench/probes/profile-burst.ts). */
export async function buildBenchScripts(apiOrigin: string, options: { minify?: boolean } = {}): Promise<BenchScripts> {
  // The worker as the demo configures it (vite.config.ts), but for Better Auth's path (bearer-auth-path.ts).
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
  return {
    page,
    bearerWorker,
    passthroughWorker: PASSTHROUGH_WORKER,
    injectWorker: INJECT_WORKER,
    declineWorker: DECLINE_WORKER,
    oneRuleWorker: ONE_RULE_WORKER,
    apiPassthroughWorker: API_PASSTHROUGH_WORKER,
  };
}
