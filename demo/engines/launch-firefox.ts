import puppeteer, { type Browser } from 'puppeteer-core';
import { findEngines } from '../../scripts/find-engines.mjs';
import type { BrowserEngine } from './browser-tab.js';
import { PuppeteerTab } from './puppeteer-tab.js';

// No background traffic on a closed network: updates, telemetry, captive portal, safe browsing, pings.
const QUIET_PREFS = {
  'app.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'toolkit.telemetry.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'extensions.update.enabled': false,
  'browser.newtabpage.enabled': false,
  'browser.startup.homepage_override.mstone': 'ignore',
};

/** Debian's firefox-esr through puppeteer-core over WebDriver BiDi; each tab in its own browser context. */
export async function launchFirefox(prefs: Record<string, unknown> = {}): Promise<BrowserEngine> {
  const { firefox } = findEngines();
  if (!firefox) throw new Error('Firefox not found: run scripts/ensure-engines.mjs');
  const browser: Browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefox,
    headless: true,
    extraPrefsFirefox: { ...QUIET_PREFS, ...prefs },
    defaultViewport: { width: 1280, height: 900 },
  });
  return {
    name: 'firefox',
    version: await browser.version(),
    async open(baseUrl) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      return new PuppeteerTab(page, baseUrl, () => context.close());
    },
    close: () => browser.close(),
  };
}
