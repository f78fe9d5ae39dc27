import type { Page } from 'puppeteer-core';
import type { BrowserTab } from './browser-tab.js';

/** A page in a puppeteer browser context (Firefox over BiDi, or Chromium over CDP). */
export class PuppeteerTab implements BrowserTab {
  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
    private readonly onClose: () => Promise<void>,
  ) {}

  async goto(url: string): Promise<void> {
    await this.page.goto(new URL(url, this.baseUrl).href, { waitUntil: 'load' });
  }

  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    return this.page.evaluate(fn as never, arg) as Promise<R>;
  }

  async click(testId: string): Promise<void> {
    await this.page.locator(`[data-testid="${testId}"]`).click();
  }

  async fill(testId: string, text: string): Promise<void> {
    await this.page.locator(`[data-testid="${testId}"]`).fill(text);
  }

  async cookieHeader(): Promise<string> {
    const cookies = await this.page.browserContext().cookies();
    return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  }

  async openTab(): Promise<BrowserTab> {
    const page = await this.page.browserContext().newPage();
    return new PuppeteerTab(page, this.baseUrl, () => page.close());
  }

  close(): Promise<void> {
    return this.onClose();
  }
}
