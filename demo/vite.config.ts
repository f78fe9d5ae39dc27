import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { bearerWorker } from '../vite/index.js';
import { demoEnv } from './servers/demo-env.js';

const { appPort, apiOrigin } = demoEnv();

export default defineConfig({
  root: fileURLToPath(new URL('./app', import.meta.url)),
  appType: 'spa',
  clearScreen: false,
  oxc: { jsx: { runtime: 'automatic' } },
  define: { __DEMO_API_BASE__: JSON.stringify(`${apiOrigin}/api`), __DEMO_API_ORIGIN__: JSON.stringify(apiOrigin) },
  resolve: { alias: [{ find: /^bearer-worker$/, replacement: fileURLToPath(new URL('../src/index.ts', import.meta.url)) }] },
  // Pre-bundle up front: a mid-session re-optimisation reloads the page under a running test.
  optimizeDeps: { include: ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', 'react/jsx-dev-runtime', '@tanstack/react-query', 'better-auth/react', 'workbox-window/Workbox.js', 'workbox-window/messageSW.js'] },
  server: { port: appPort, strictPort: true, host: 'localhost' },
  plugins: [bearerWorker({ apiOrigins: [apiOrigin], apiPathPrefix: '/api', authBasePath: '/api/auth', inspector: true })],
});
