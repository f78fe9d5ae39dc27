// vite.config.ts: the app, then its worker (src/sw.ts) with the precache manifest.
import { defineConfig } from 'vite';
import { precacheWorker } from './precache-worker.js';

const apiOrigin = process.env.VITE_API_ORIGIN ?? 'http://localhost:8000';

export default defineConfig({
  define: { 'import.meta.env.VITE_API_ORIGIN': JSON.stringify(apiOrigin) },
  plugins: [
    precacheWorker({
      entry: 'src/sw.ts',
      define: { 'import.meta.env.VITE_API_ORIGIN': JSON.stringify(apiOrigin) },
    }),
  ],
});
