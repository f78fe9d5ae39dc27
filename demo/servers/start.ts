// `npm run demo`: Better Auth + the app (Vite) on one origin, the resource API on another, one process.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer, type Plugin } from 'vite';
import { createDemoAuth } from './auth-server.js';
import { demoEnv } from './demo-env.js';
import { createDemoMiddleware } from './demo-middleware.js';
import { DemoState, parseTtl } from './demo-state.js';
import { createResourceApi } from './resource-api.js';

const { appPort, apiPort, appOrigin, apiOrigin, dataDir } = demoEnv();
mkdirSync(dataDir, { recursive: true });
const state = new DemoState(parseTtl(process.env.DEMO_JWT_TTL));
const auth = await createDemoAuth({ appOrigin, dataDir, state });
const api = createResourceApi({ appOrigin, dataDir, state });
await api.listen(apiPort);

const middleware = createDemoMiddleware(auth, state);
const demoServers: Plugin = {
  name: 'bearer-worker-demo-servers',
  // Registered before Vite's own middlewares, so /api/auth and /demo never reach the SPA fallback.
  configureServer: (server) => void server.middlewares.use(middleware),
  configurePreviewServer: (server) => void server.middlewares.use(middleware),
};
const vite = await createServer({ configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)), plugins: [demoServers] });
await vite.listen(appPort);
console.log(`bearer-worker demo: app ${appOrigin}  api ${apiOrigin}/api  (token lifetime ${state.jwtTtlSeconds} s, data in ${dataDir})`);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    void Promise.allSettled([vite.close(), api.close()]).then(() => process.exit(0));
  });
}
