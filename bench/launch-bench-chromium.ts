// The bench's Chromium: the machine's (or Playwright's), with every page and worker given a `gc()`
// (collect-garbage.ts), and without Playwright's network tracking in service workers.
import '../scripts/ensure-chromium.mjs';
import { chromium, type Browser } from '@playwright/test';
// @ts-expect-error plain .mjs helper shared with the e2e config
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium.mjs';
import { EXPOSE_GC } from './collect-garbage.js';

/**
 * Playwright turns on CDP network events in every service worker it sees: each of the worker's fetches
 * then costs the browser an event to serialize and this process one to parse, in the very process that
 * answers the API. That is 1000 more of each per burst, in the passthrough's worker and in ours alike:
 * noise on every ratio and nothing a user pays. The bench reads no worker's network events.
 */
export function launchBenchChromium(): Promise<Browser> {
  process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK = '1';
  return chromium.launch({
    executablePath: findChromium() as string | undefined,
    args: [...(CHROMIUM_ARGS as string[]), EXPOSE_GC],
  });
}
