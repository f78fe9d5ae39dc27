import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run test:engines`: the demo's main flows in Firefox (firefox-esr) and WebKit (WebKitGTK).
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['demo/engines/*.engine.ts'],
    environment: 'node',
    globalSetup: ['demo/engines/global-setup.ts'],
    // One stack with shared server-side counts: one file, one test at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
