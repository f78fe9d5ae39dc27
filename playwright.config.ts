import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import {
  E2E_API_PORT as API_PORT,
  E2E_APP_PORT as APP_PORT,
  E2E_AUTH_PORT as AUTH_PORT,
} from './demo/servers/demo-env.js';
// @ts-expect-error plain .mjs helper shared with scripts/ensure-chromium.mjs
import { CHROMIUM_ARGS, findChromium } from './scripts/find-chromium.mjs';

const repo = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  testDir: './demo/e2e',
  testMatch: '*.e2e.ts',
  // One stack with shared server-side counters: tests run one at a time and reset it between them.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${APP_PORT}`,
    serviceWorkers: 'allow',
    trace: 'off',
    launchOptions: {
      executablePath: findChromium(),
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: 'npx tsx demo/servers/start.ts',
    cwd: repo,
    url: `http://localhost:${APP_PORT}/demo/settings`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      DEMO_APP_PORT: String(APP_PORT),
      DEMO_API_PORT: String(API_PORT),
      DEMO_AUTH_PORT: String(AUTH_PORT),
      DEMO_DATA_DIR: mkdtempSync(join(tmpdir(), 'bearer-worker-e2e-')),
      DEMO_JWT_TTL: '15m',
    },
  },
});
