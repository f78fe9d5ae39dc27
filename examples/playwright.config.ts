// The examples' end-to-end tests: `npx playwright test -c examples/playwright.config.ts` (npm run
// test:examples). Each example gets bearer-worker from the packed tarball (global setup), and each spec
// starts and stops the example's own servers.
import { defineConfig } from '@playwright/test';
// @ts-expect-error plain .mjs helper shared with scripts/ensure-chromium.mjs
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium.mjs';

export default defineConfig({
  testDir: '.',
  testMatch: '*/e2e/*.e2e.ts',
  globalSetup: './global-setup.ts',
  workers: 1, // fixed ports, one example at a time
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    serviceWorkers: 'allow',
    trace: 'off',
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
  },
});
