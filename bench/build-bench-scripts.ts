// Everything the bench pages load, built at bench time from the working tree: the page script (bridge +
// seed clients), the real worker, and a passthrough worker.
import { fileURLToPath } from 'node:url';
import { BEARER_AUTH } from './start-bench-stack.js';
import { buildClassicScript, buildWorkerScript } from '../vite/build-worker-script.js';

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

export async function buildBenchScripts(apiOrigin: string): Promise<BenchScripts> {
  // The worker as the demo configures it (vite.config.ts), but for Better Auth's path (start-bench-stack.ts).
  const bearerWorker = await buildWorkerScript({
    apiOrigins: [apiOrigin],
    apiPathPrefix: '/api',
    authBasePath: BEARER_AUTH,
  });
  const page = await buildClassicScript(fileURLToPath(new URL('./page/bench-page.ts', import.meta.url)), 'benchPage');
  return { page, bearerWorker, passthroughWorker: PASSTHROUGH_WORKER };
}
