// The demo app: `npx vite` (or `npm run demo`) serves it with Better Auth and the tasks API beside it.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { demoEnv } from './demo/servers/demo-env.js';
import { demoServers } from './demo/servers/demo-servers-plugin.js';
import { bearerWorker } from './vite/index.js';

const { appPort, apiOrigin, authOrigin } = demoEnv();

export default defineConfig({
  root: fileURLToPath(new URL('./demo/app', import.meta.url)),
  appType: 'spa',
  clearScreen: false,
  oxc: { jsx: { runtime: 'automatic' } },
  define: { __DEMO_API_BASE__: JSON.stringify(`${apiOrigin}/api`), __DEMO_API_ORIGIN__: JSON.stringify(apiOrigin) },
  resolve: {
    alias: [{ find: /^bearer-worker$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) }],
  },
  // Pre-bundle up front: a mid-session re-optimisation reloads the page under a running test.
  optimizeDeps: {
    include: [
      'react',
      'react-dom',
      'react-dom/client',
      'react/jsx-runtime',
      'react/jsx-dev-runtime',
      '@tanstack/react-query',
      'better-auth/react',
      'workbox-window/Workbox.js',
      'workbox-window/messageSW.js',
    ],
  },
  server: { port: appPort, strictPort: true, host: 'localhost' },
  preview: { port: appPort, strictPort: true, host: 'localhost' },
  plugins: [
    // For the sub-path tests: the demo's worker also served from /app/sw.js, allowed to control the whole site.
    {
      name: 'bearer-worker-demo-sub-path',
      configureServer: (server) =>
        void server.middlewares.use((req, res, next) => {
          if (req.url === '/app/sw.js') {
            req.url = '/sw.js';
            res.setHeader('service-worker-allowed', '/');
          }
          next();
        }),
    },
    demoServers(),
    bearerWorker({
      apiOrigins: [apiOrigin],
      apiPathPrefix: '/api',
      authBasePath: '/api/auth',
      inspector: true,
      // Task writes the page marks are kept while offline and replayed when the network is back.
      offlineWrites: { pathPrefix: '/api/v1' },
    }),
    // For the markup test: the same worker, but only requests carrying `x-bearer-worker` get a token.
    bearerWorker({
      apiOrigins: [apiOrigin],
      apiPathPrefix: '/api',
      requireHeader: 'x-bearer-worker',
      fileName: 'sw-marked.js',
    }),
    // For the auth-origin page (auth-origin.html): the same worker for a Better Auth on its own origin.
    bearerWorker({
      apiOrigins: [apiOrigin],
      apiPathPrefix: '/api',
      authOrigin,
      inspector: true,
      fileName: 'sw-auth-origin.js',
    }),
  ],
});
