import puppeteer from 'puppeteer-core';
// @ts-expect-error plain .mjs helper shared with scripts/ensure-chromium.mjs
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.mjs';
import type { BrowserEngine } from './browser-tab.js';
import { PuppeteerTab } from './puppeteer-tab.js';

/**
 * Chromium over the DevTools protocol, for the static-routing probe's positive control only (the
 * Chromium flows are the Playwright suite in demo/e2e).
 */
export async function launchChromium(): Promise<BrowserEngine> {
  const browser = await puppeteer.launch({ executablePath: findChromium() as string, args: CHROMIUM_ARGS });
  return {
    name: 'chromium',
    version: await browser.version(),
    async open(baseUrl) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      return new PuppeteerTab(page, baseUrl, () => context.close());
    },
    close: () => browser.close(),
  };
}
