/** One page in one fresh browser profile, the few things the cross-engine flows do with it. */
export interface BrowserTab {
  /** Loads an app path (or URL) and waits for the load event. */
  goto(url: string): Promise<void>;
  /** Runs `fn(arg)` in the page and returns its (JSON) result. `fn` must not close over anything. */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Clicks the element with this `data-testid`, waiting for it to appear. */
  click(testId: string): Promise<void>;
  /** Types into the (empty) input with this `data-testid`. */
  fill(testId: string, text: string): Promise<void>;
  /** The browser's cookies for the current page, as a Cookie header value. */
  cookieHeader(): Promise<string>;
  /** Another tab in the same profile: same cookies, same service worker. */
  openTab(): Promise<BrowserTab>;
  close(): Promise<void>;
}

/** A running browser engine that opens isolated tabs (no cookies, storage or workers shared between them). */
export interface BrowserEngine {
  readonly name: string;
  /** Browser name and version, for the test log. */
  readonly version: string;
  open(baseUrl: string): Promise<BrowserTab>;
  close(): Promise<void>;
}
