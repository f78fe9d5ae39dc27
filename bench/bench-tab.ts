// One bench page as the measurements see it, whichever driver holds it: Playwright for Chromium,
// puppeteer-core over WebDriver BiDi for Firefox.

export interface BenchTab {
  evaluate<R>(fn: () => R | Promise<R>): Promise<R>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Navigates and waits for the load event. */
  goto(url: string): Promise<void>;
  close(): Promise<void>;
}

/** What Playwright's and puppeteer's pages have in common, loosely typed: their generics differ. */
interface DriverPage {
  evaluate(fn: never, arg?: never): Promise<unknown>;
  goto(url: string, options?: { waitUntil?: 'load' }): Promise<unknown>;
  bringToFront?(): Promise<unknown>;
  close(): Promise<unknown>;
}

/**
 * Every page comes to the front before it is driven, as the app a user is looking at is. Chromium runs the
 * renderer of the page in front, and the service workers' process with it, at a higher priority than the
 * others (nice 0 against 5 on Linux, even with Playwright's --disable-renderer-backgrounding): left alone,
 * the page opened last would be favoured in every phase it takes part in. `front: false` for headless Firefox
 * over WebDriver BiDi, where activating a tab times out.
 */
export function benchTab(page: DriverPage, { front: toFront = true } = {}): BenchTab {
  const evaluate = page.evaluate.bind(page) as (fn: unknown, arg?: unknown) => Promise<unknown>;
  const front = async () => void (toFront && (await page.bringToFront?.()));
  return {
    evaluate: (async (fn: unknown, arg?: unknown) => {
      await front();
      return evaluate(fn, arg);
    }) as BenchTab['evaluate'],
    goto: async (url) => {
      await front();
      await page.goto(url, { waitUntil: 'load' });
    },
    close: async () => void (await page.close()),
  };
}
