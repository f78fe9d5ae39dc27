import { mkdirSync } from 'node:fs';
import type { Connect, Plugin } from 'vite';
import { createDemoAuth } from './auth-server.js';
import { contentSecurityPolicy } from './content-security-policy.js';
import { demoEnv } from './demo-env.js';
import { createDemoMiddleware } from './demo-middleware.js';
import { DemoState, parseTtl } from './demo-state.js';
import { createResourceApi } from './resource-api.js';

interface DemoStack {
  middleware: ReturnType<typeof createDemoMiddleware>;
  close(): Promise<void>;
}

/** Better Auth (with the /demo controls) on the app's origin, the resource API on its own port. */
async function startDemo(): Promise<DemoStack> {
  const { apiPort, appOrigin, apiOrigin, dataDir } = demoEnv();
  mkdirSync(dataDir, { recursive: true });
  const state = new DemoState(parseTtl(process.env.DEMO_JWT_TTL));
  const auth = await createDemoAuth({ appOrigin, dataDir, state });
  const api = createResourceApi({ appOrigin, dataDir, state });
  await api.listen(apiPort);
  console.log(
    `bearer-worker demo: app ${appOrigin}  api ${apiOrigin}/api  (token lifetime ${state.jwtTtlSeconds} s, data in ${dataDir})`,
  );
  return { middleware: createDemoMiddleware(auth, state, appOrigin), close: () => api.close() };
}

/**
 * The demo's servers inside Vite, so `npx vite` (or `npm run demo`) serves the whole demo. Started only
 * when Vite serves (dev or preview), never on build.
 */
export function demoServers(): Plugin {
  // Vite restarts the server with a new plugin instance when a file the config imports changes: the new
  // stack (with the new code) starts once the previous one has let go of the API's port.
  const g = globalThis as { bearerWorkerDemo?: Promise<DemoStack> };
  let started: Promise<DemoStack> | undefined;
  const stack = (): Promise<DemoStack> => {
    if (started) return started;
    const previous = g.bearerWorkerDemo?.then(
      (p) => p.close(),
      () => {},
    );
    return (started = g.bearerWorkerDemo = (previous ?? Promise.resolve()).then(startDemo));
  };
  const use = (dev: boolean) => (server: { middlewares: Connect.Server }) => {
    const { appOrigin, apiOrigin } = demoEnv();
    const csp = contentSecurityPolicy({ appOrigin, apiOrigin, dev });
    // Every answer but the worker script (browsers mark its fetch with `Service-Worker: script`): the
    // page's policy is not the worker's, whose pass-through fetches go wherever the page's requests go.
    server.middlewares.use((req, res, next) => {
      if (req.headers['service-worker'] !== 'script') res.setHeader('content-security-policy', csp);
      next();
    });
    const ready = stack();
    // Registered before Vite's own middlewares, so /api/auth and /demo never reach the SPA fallback.
    server.middlewares.use((req, res, next) => void ready.then(({ middleware }) => middleware(req, res, next), next));
  };
  return { name: 'bearer-worker-demo-servers', configureServer: use(true), configurePreviewServer: use(false) };
}
