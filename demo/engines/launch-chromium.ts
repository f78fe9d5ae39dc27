import puppeteer from 'puppeteer-core';
// @ts-expect-error plain .mjs helper shared with scripts/ensure-chromium.mjs
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.mjs';
import type { BrowserEngine, BrowserTab } from './browser-tab.js';

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
      const tab: BrowserTab = {
        goto: async (url) => void (await page.goto(new URL(url, baseUrl).href)),
        evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
        click: (id) => page.locator(`[data-testid="${id}"]`).click(),
        fill: (id, text) => page.locator(`[data-testid="${id}"]`).fill(text),
        cookieHeader: async () => (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; '),
        close: () => context.close(),
      };
      return tab;
    },
    close: () => browser.close(),
  };
}
