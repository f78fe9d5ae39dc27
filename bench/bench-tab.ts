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
  close(): Promise<unknown>;
}

export function benchTab(page: DriverPage): BenchTab {
  const evaluate = page.evaluate.bind(page) as (fn: unknown, arg?: unknown) => Promise<unknown>;
  return {
    evaluate: ((fn: unknown, arg?: unknown) => evaluate(fn, arg)) as BenchTab['evaluate'],
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
    close: async () => void (await page.close()),
  };
}
