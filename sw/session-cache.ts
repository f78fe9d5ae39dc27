export type SessionState = 'signed-in' | 'signed-out' | 'unknown';

/**
 * What the worker knows of the Better Auth session. The token endpoint is the session check
 * (200 = signed in, 401 = signed out). A "signed out" answer is trusted for `ttlSeconds` so that
 * API calls made while signed out do not hammer the auth server.
 */
export class SessionCache {
  state: SessionState = 'unknown';
  userId: string | null = null;
  #checkedAt = 0;
  #ttlMs: number;
  #now: () => number;

  constructor(ttlSeconds: number, now: () => number = Date.now) {
    this.#ttlMs = ttlSeconds * 1000;
    this.#now = now;
  }

  set(state: Exclude<SessionState, 'unknown'>, userId: string | null = null): void {
    this.state = state;
    this.userId = state === 'signed-in' ? userId : null;
    this.#checkedAt = this.#now();
  }

  clear(): void {
    this.state = 'unknown';
    this.userId = null;
  }

  knownSignedOut(): boolean {
    return this.state === 'signed-out' && this.#now() - this.#checkedAt < this.#ttlMs;
  }
}
