import type { BrowserTab } from './browser-tab.js';
import type { WebDriverClient } from './webdriver-client.js';

// Wraps a function for WebDriver's async execute: its result, or its error as text, goes to the callback.
const wrap = (fn: string) =>
  `const done = arguments[arguments.length - 1];
   Promise.resolve().then(() => (${fn})(arguments[0])).then(
     (value) => done({ ok: true, value: value === undefined ? null : value }),
     (e) => done({ ok: false, error: String((e && e.stack) || e) }));`;

/**
 * A `BrowserTab` over a WebDriver session: the first tab owns the session (one profile); `openTab` adds
 * windows to it, and every command first makes its own window the current one.
 */
export class WebDriverTab implements BrowserTab {
  private constructor(
    private readonly driver: WebDriverClient,
    private readonly baseUrl: string,
    private readonly handle: string,
    /** Set on the session's first tab: quits the session (and whatever else `close` should end). */
    private readonly quit?: () => Promise<void>,
  ) {}

  static async first(driver: WebDriverClient, baseUrl: string, quit: () => Promise<void>): Promise<WebDriverTab> {
    return new WebDriverTab(driver, baseUrl, await driver.command<string>('GET', '/window'), quit);
  }

  private async cmd<T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    await this.driver.switchTo(this.handle);
    return this.driver.command<T>(method, path, body);
  }

  async goto(url: string): Promise<void> {
    await this.cmd('POST', '/url', { url: new URL(url, this.baseUrl).href });
  }

  async evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    await this.driver.switchTo(this.handle);
    const r = await this.driver.executeAsync<{ ok: boolean; value: R; error: string }>(wrap(fn.toString()), arg);
    if (!r.ok) throw new Error(`in the page: ${r.error}`);
    return r.value;
  }

  async click(testId: string): Promise<void> {
    await this.driver.switchTo(this.handle);
    const el = await this.driver.findElement(`[data-testid="${testId}"]`);
    await this.driver.command('POST', `/element/${el}/click`);
  }

  async fill(testId: string, text: string): Promise<void> {
    await this.driver.switchTo(this.handle);
    const el = await this.driver.findElement(`[data-testid="${testId}"]`);
    await this.driver.command('POST', `/element/${el}/value`, { text });
  }

  async cookieHeader(): Promise<string> {
    const cookies = await this.cmd<Array<{ name: string; value: string }>>('GET', '/cookie');
    return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  }

  async openTab(): Promise<BrowserTab> {
    const { handle } = await this.cmd<{ handle: string }>('POST', '/window/new', { type: 'tab' });
    return new WebDriverTab(this.driver, this.baseUrl, handle);
  }

  async close(): Promise<void> {
    if (this.quit) return this.quit();
    await this.cmd('DELETE', '/window');
  }
}
