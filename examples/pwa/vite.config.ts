// vite.config.ts: the app, and its worker (src/sw.ts) built by vite-plugin-pwa with the precache manifest.
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const apiOrigin = process.env.VITE_API_ORIGIN ?? 'http://localhost:8000';

/** `vite` (dev): Better Auth on the dev server's origin, as server/production.ts serves it beside the build. */
const betterAuthInDev = (): Plugin => ({
  name: 'better-auth-dev',
  apply: 'serve',
  async configureServer(server) {
    const { toNodeHandler } = await import('better-auth/node');
    const handle = toNodeHandler((await import('./server/auth.js')).auth);
    server.middlewares.use((req, res, next) => (req.url?.startsWith('/api/auth/') ? void handle(req, res) : next()));
  },
});

export default defineConfig({
  // Read by the page and by the worker (vite-plugin-pwa builds it with the app's `define`).
  define: {
    'import.meta.env.VITE_API_ORIGIN': JSON.stringify(apiOrigin),
    'import.meta.env.VITE_BUILD_LABEL': JSON.stringify(process.env.VITE_BUILD_LABEL ?? '1'),
  },
  // `vite` (dev): the page's and the worker's packages bundled up front, so that no mid-session
  // re-optimisation reloads the page.
  optimizeDeps: {
    include: ['bearer-worker', 'bearer-worker/sw', 'workbox-window', 'workbox-precaching', 'workbox-routing'],
  },
  plugins: [
    betterAuthInDev(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      // A new build waits until the user accepts it (src/main.ts asks), then every tab reloads once.
      registerType: 'prompt',
      // src/main.ts registers through its own workbox-window Workbox, handed to bearer-worker's bridge.
      injectRegister: false,
      manifest: { name: 'bearer-worker PWA', short_name: 'PWA', start_url: '/', display: 'standalone' },
      injectManifest: { globPatterns: ['**/*.{js,css,html}'], rollupFormat: 'iife' },
      // `vite` (dev) serves the worker too, as a module worker at /dev-sw.js?dev-sw, precaching the shell.
      devOptions: { enabled: true, type: 'module', navigateFallback: 'index.html' },
    }),
  ],
});
