import { mkdirSync } from 'node:fs';
import type { Connect, Plugin } from 'vite';
import { once } from 'node:events';
import { createAuthOriginServer } from './auth-origin-server.js';
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

/**
 * Better Auth (with the /demo controls) on the app's origin, the resource API on its own port, and a
 * second Better Auth on an origin of its own (same database and keys, its own `iss`), for workers built
 * with `authOrigin`.
 */
async function startDemo(): Promise<DemoStack> {
  const { apiPort, authPort, appOrigin, apiOrigin, authOrigin, dataDir } = demoEnv();
  mkdirSync(dataDir, { recursive: true });
  const state = new DemoState(parseTtl(process.env.DEMO_JWT_TTL));
  const auth = await createDemoAuth({ appOrigin, dataDir, state });
  // After the first: its migrations have run, so this one finds the tables.
  const authElsewhere = await createDemoAuth({ appOrigin, baseURL: authOrigin, dataDir, state });
  const api = createResourceApi({ appOrigin, dataDir, state, issuers: [appOrigin, authOrigin] });
  await api.listen(apiPort);
  const authServer = createAuthOriginServer(authElsewhere, state, appOrigin);
  await once(authServer.listen(authPort, 'localhost'), 'listening');
  console.log(
    `bearer-worker demo: app ${appOrigin}  api ${apiOrigin}/api  auth elsewhere ${authOrigin}  (token lifetime ${state.jwtTtlSeconds} s, data in ${dataDir})`,
  );
  return {
    middleware: createDemoMiddleware(auth, state, appOrigin),
    close: async () => {
      await new Promise((resolve) => authServer.close(resolve));
      await api.close();
    },
  };
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
    const { appOrigin, apiOrigin, authOrigin } = demoEnv();
    const csp = contentSecurityPolicy({ appOrigin, apiOrigin, authOrigin, dev });
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
