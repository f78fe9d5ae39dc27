import type { BrowserTab } from './browser-tab.js';
import type { WebDriverClient } from './webdriver-client.js';

// Wraps a function for WebDriver's async execute: its result, or its error as text, goes to the callback.
const wrap = (fn: string) =>
  `const done = arguments[arguments.length - 1];
   Promise.resolve().then(() => (${fn})(arguments[0])).then(
     (value) => done({ ok: true, value: value === undefined ? null : value }),
     (e) => done({ ok: false, error: String((e && e.stack) || e) }));`;

/** A `BrowserTab` over one WebDriver session (one browser window with its own profile). */
export class WebDriverTab implements BrowserTab {
  constructor(
    private readonly driver: WebDriverClient,
    private readonly baseUrl: string,
  ) {}

  async goto(url: string): Promise<void> {
    await this.driver.command('POST', '/url', { url: new URL(url, this.baseUrl).href });
  }

  async evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    const r = await this.driver.executeAsync<{ ok: boolean; value: R; error: string }>(wrap(fn.toString()), arg);
    if (!r.ok) throw new Error(`in the page: ${r.error}`);
    return r.value;
  }

  async click(testId: string): Promise<void> {
    const el = await this.driver.findElement(`[data-testid="${testId}"]`);
    await this.driver.command('POST', `/element/${el}/click`);
  }

  async fill(testId: string, text: string): Promise<void> {
    const el = await this.driver.findElement(`[data-testid="${testId}"]`);
    await this.driver.command('POST', `/element/${el}/value`, { text });
  }

  async cookieHeader(): Promise<string> {
    const cookies = await this.driver.command<Array<{ name: string; value: string }>>('GET', '/cookie');
    return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  }

  close(): Promise<void> {
    return this.driver.quit();
  }
}
