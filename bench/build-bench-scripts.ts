// Everything the bench pages load, built at bench time from the working tree: the page script (bridge +
// seed clients), the real worker, and a passthrough worker.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { buildWorkerScript } from '../vite/build-worker-script.js';

export interface BenchScripts {
  page: string;
  bearerWorker: string;
  passthroughWorker: string;
}

// The platform's own cost: a fetch handler that only forwards the request.
const PASSTHROUGH_WORKER = `self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => e.respondWith(fetch(e.request)));
`;

/** One classic script for the page, built the way vite/build-worker-script.ts builds the worker. */
async function buildPage(): Promise<string> {
  const entry = fileURLToPath(new URL('./page/bench-page.ts', import.meta.url));
  const out = await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    build: { write: false, minify: true, sourcemap: false, target: 'es2022', lib: { entry, formats: ['iife'], name: 'benchPage', fileName: () => 'page.js' } },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as Array<{ output: Array<{ type: string; code?: string }> }>;
  const code = outputs[0]?.output.find((o) => o.type === 'chunk')?.code;
  if (!code) throw new Error('bench: the page build produced no code');
  return code;
}

export async function buildBenchScripts(apiOrigin: string): Promise<BenchScripts> {
  // The worker as the demo configures it (demo/vite.config.ts).
  const bearerWorker = await buildWorkerScript({ apiOrigins: [apiOrigin], apiPathPrefix: '/api', authBasePath: '/api/auth' });
  return { page: await buildPage(), bearerWorker, passthroughWorker: PASSTHROUGH_WORKER };
}
