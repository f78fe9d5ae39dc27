import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Connect, Plugin } from 'vite';
import { createDemoAuth } from './auth-server.js';
import { contentSecurityPolicy } from './content-security-policy.js';
import { demoEnv } from './demo-env.js';
import { createDemoMiddleware } from './demo-middleware.js';
import { DemoState, parseTtl } from './demo-state.js';
import { createResourceApi } from './resource-api.js';

type Middleware = ReturnType<typeof createDemoMiddleware>;

/** Better Auth (with the /demo controls) on the app's origin, the resource API on its own port. */
async function startDemo(onClose: (close: () => Promise<void>) => void): Promise<Middleware> {
  const { apiPort, appOrigin, apiOrigin, dataDir } = demoEnv();
  mkdirSync(dataDir, { recursive: true });
  const state = new DemoState(parseTtl(process.env.DEMO_JWT_TTL));
  const auth = await createDemoAuth({ appOrigin, dataDir, state });
  const api = createResourceApi({ appOrigin, dataDir, state });
  await api.listen(apiPort);
  onClose(() => api.close());
  console.log(
    `bearer-worker demo: app ${appOrigin}  api ${apiOrigin}/api  (token lifetime ${state.jwtTtlSeconds} s, data in ${dataDir})`,
  );
  return createDemoMiddleware(auth, state, appOrigin);
}

/**
 * The demo's servers inside Vite, so `npx vite` (or `npm run demo`) serves the whole demo. Started only
 * when Vite serves (dev or preview), never on build.
 */
export function demoServers(): Plugin {
  let started: Promise<Middleware> | undefined;
  const use = (dev: boolean) => (server: { middlewares: Connect.Server; httpServer: Server | null | unknown }) => {
    const httpServer = server.httpServer as Server | null;
    const { appOrigin, apiOrigin } = demoEnv();
    const csp = contentSecurityPolicy({ appOrigin, apiOrigin, dev });
    // Every answer but the worker script (browsers mark its fetch with `Service-Worker: script`): the
    // page's policy is not the worker's, whose pass-through fetches go wherever the page's requests go.
    server.middlewares.use((req, res, next) => {
      if (req.headers['service-worker'] !== 'script') res.setHeader('content-security-policy', csp);
      next();
    });
    const ready = (started ??= startDemo((close) => httpServer?.on('close', () => void close())));
    // Registered before Vite's own middlewares, so /api/auth and /demo never reach the SPA fallback.
    server.middlewares.use((req, res, next) => void ready.then((mw) => mw(req, res, next), next));
  };
  return { name: 'bearer-worker-demo-servers', configureServer: use(true), configurePreviewServer: use(false) };
}
