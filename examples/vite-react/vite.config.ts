// vite.config.ts
import { bearerWorker } from 'bearer-worker/vite';
import { defineConfig } from 'vite';
import { betterAuthServer } from './server/better-auth-vite.js';

const apiOrigin = process.env.VITE_API_ORIGIN ?? 'http://localhost:8000';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } }, // React's JSX (or add @vitejs/plugin-react)
  plugins: [
    betterAuthServer(),
    // Serves /sw.js in dev and emits dist/sw.js in a build, with this config compiled in.
    bearerWorker({ apiOrigins: [apiOrigin], apiPathPrefix: '/api' }),
  ],
});
