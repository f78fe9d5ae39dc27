import type { JwtClaims } from './decode-jwt.js';

export interface CachedToken {
  value: string;
  claims: JwtClaims & { exp: number };
  /** Local clock, ms. */
  expiresAt: number;
  refreshAt: number;
  /** Past this the token is not sent any more: we wait for a fresh one. */
  hardExpiry: number;
}

/** fresh: send it. stale: send it and refresh in the background. expired/none: wait for a new one. */
export type Freshness = 'fresh' | 'stale' | 'expired' | 'none';

/**
 * Memory-only token cache with a single flight per session generation.
 * Expiry comes from the token's own lifetime (`exp - iat`) counted from the moment it arrived, so a
 * client clock that disagrees with the server's cannot cause a refresh loop or a stale token.
 * (`#private` members: the minifier renames them, which keeps the worker bundle small.)
 */
export class TokenCache {
  token: CachedToken | null = null;
  /** Bumped on sign-in and sign-out: a token that arrives for an older generation is thrown away. */
  generation = 0;
  #inflight: { generation: number; promise: Promise<unknown> } | null = null;
  #marginMs: number;
  #now: () => number;

  constructor(refreshMarginSeconds: number, now: () => number = Date.now) {
    this.#marginMs = refreshMarginSeconds * 1000;
    this.#now = now;
  }

  set(value: string, claims: JwtClaims & { exp: number }, receivedAt: number): CachedToken {
    // Without iat we can only trust the local clock against exp.
    const lifetimeMs = Math.max(
      0,
      claims.iat !== undefined ? (claims.exp - claims.iat) * 1000 : claims.exp * 1000 - receivedAt,
    );
    const expiresAt = receivedAt + lifetimeMs;
    return (this.token = {
      value,
      claims,
      expiresAt,
      refreshAt: expiresAt - Math.min(this.#marginMs, lifetimeMs / 2),
      // Keep a little room for the request to reach the API before the token dies.
      hardExpiry: expiresAt - Math.min(5000, lifetimeMs / 10),
    });
  }

  freshness(): Freshness {
    const t = this.token;
    if (!t) return 'none';
    const now = this.#now();
    return now < t.refreshAt ? 'fresh' : now < t.hardExpiry ? 'stale' : 'expired';
  }

  /** Drops the token; with `newGeneration` also disowns any token fetch in flight. */
  clear(newGeneration = false): void {
    this.token = null;
    if (newGeneration) {
      this.generation++;
      this.#inflight = null;
    }
  }

  /** Runs `load` unless a load for the current generation is already running; then joins it. */
  single<T>(load: (generation: number) => Promise<T>): Promise<T> {
    const generation = this.generation;
    if (this.#inflight?.generation === generation) return this.#inflight.promise as Promise<T>;
    const promise = load(generation).finally(() => {
      if (this.#inflight?.promise === promise) this.#inflight = null;
    });
    this.#inflight = { generation, promise };
    return promise;
  }
}
