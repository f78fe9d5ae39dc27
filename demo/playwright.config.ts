import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
// @ts-expect-error plain .mjs helper shared with scripts/ensure-chromium.mjs
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium.mjs';

// Ports of their own, so the suite never talks to a demo you have running on 5173/8000.
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 5273);
export const API_PORT = Number(process.env.E2E_API_PORT ?? 8100);
const repo = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  testDir: './e2e',
  testMatch: '*.e2e.ts',
  // One stack with shared server-side counters: tests run one at a time and reset it between them.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
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
      DEMO_DATA_DIR: mkdtempSync(join(tmpdir(), 'bearer-worker-e2e-')),
      DEMO_JWT_TTL: '15m',
    },
  },
});
