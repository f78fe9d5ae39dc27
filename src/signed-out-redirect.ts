import type { SignedOutEvent } from '../protocol/protocol.js';
import { safeReturnTo } from './safe-return-to.js';

/** What the redirect needs of `window.location` (a fake in tests). */
export interface PageLocation {
  readonly origin: string;
  readonly pathname: string;
  readonly search: string;
  assign(url: string): void;
}

type SignedOutListener = (event: SignedOutEvent) => void | Promise<void>;

/**
 * What a page does when the worker says the session is gone: the app's listeners, in turn, then one
 * redirect to the login page (with `session_expired=true&returnTo=<this path>` when the session
 * expired rather than the user signing out). Repeated notices while one is handled are ignored.
 */
export class SignedOutRedirect {
  private readonly listeners = new Set<SignedOutListener>();
  private handling = false;

  constructor(private readonly opts: { loginUrl: string; redirect: boolean; location: PageLocation }) {}

  add(listener: SignedOutListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  async handle(event: SignedOutEvent): Promise<void> {
    if (this.handling) return;
    this.handling = true;
    for (const listener of [...this.listeners]) {
      try {
        await listener(event);
      } catch (err) {
        // One app hook failing must not keep the user on a page whose session is gone.
        console.error('bearer-worker: onSignedOut', err);
      }
    }
    const { location } = this.opts;
    const login = new URL(this.opts.loginUrl, location.origin);
    // Already on the login page (or the app redirects itself): stay, and handle the next notice too.
    if (!this.opts.redirect || location.pathname === login.pathname) {
      this.handling = false;
      return;
    }
    if (event.reason === 'session-expired') {
      login.searchParams.set('session_expired', 'true');
      login.searchParams.set('returnTo', safeReturnTo(location.pathname + location.search, location.origin));
    }
    location.assign(login.href);
  }
}
