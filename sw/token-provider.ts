import { fetchToken } from './fetch-token.js';
import { SessionCache } from './session-cache.js';
import { TokenCache, type CachedToken } from './token-cache.js';
import type { ResolvedConfig } from './types.js';
import type { WorkerState } from './worker-state.js';
import { INSPECTOR } from './inspector.js';

declare const self: ServiceWorkerGlobalScope;

const DISCARDED = 0;

export type Acquired =
  | { kind: 'token'; token: CachedToken; background?: Promise<unknown> }
  | { kind: 'signed-out' }
  | { kind: 'error'; reason: string };

const SIGNED_OUT: Acquired = { kind: 'signed-out' };

/** The token cache and the session cache behind one door, with the counters the inspector shows. */
export class TokenProvider {
  readonly tokens: TokenCache;
  readonly session: SessionCache;
  /** Called when the token endpoint proves a live session (a later loss deserves a sign-out). */
  onSessionAlive: () => void = () => {};
  #config: ResolvedConfig;
  #state: WorkerState;
  #fetch: typeof fetch;
  #url: string;

  constructor(
    config: ResolvedConfig,
    state: WorkerState,
    fetchFn: typeof fetch = (...a) => fetch(...a),
    origin: string = self.location.origin,
  ) {
    this.#config = config;
    this.#state = state;
    this.#fetch = fetchFn;
    this.#url = origin + config.authBasePath + '/token';
    this.tokens = new TokenCache(config.refreshMarginSeconds, state.now);
    this.session = new SessionCache(config.sessionTtlSeconds, state.now);
  }

  /**
   * One token fetch shared by every caller of this session generation. An answer that arrives after a
   * sign-in or sign-out belongs to the old session: ask again for the new one (a sign-out answers
   * "signed out" from the session cache without a fetch).
   */
  async #load(refresh: boolean): Promise<Acquired> {
    const { tokens, session } = this;
    const state = this.#state;
    const { counters, log } = state;
    const r = await tokens.single(async (generation) => {
      if (INSPECTOR) {
        counters.tokenFetches++;
        if (refresh) counters.refreshes++;
      }
      const { tokenTimeoutMs: timeoutMs, maxTokenBytes } = this.#config;
      const r = await fetchToken({ url: this.#url, timeoutMs, maxTokenBytes, fetch: this.#fetch, now: state.now });
      // Signed in or out while we waited: this answer belongs to a session that is gone.
      if (generation !== tokens.generation) return DISCARDED;
      if (r.kind === 'token') {
        const t = tokens.set(r.token, r.claims, r.receivedAt);
        session.set('signed-in', r.claims.sub);
        if (INSPECTOR)
          log(refresh ? 'token-refreshed' : 'token-fetched', `${Math.round((t.expiresAt - r.receivedAt) / 1000)} s`);
        this.onSessionAlive();
        return { kind: 'token', token: t } as const;
      }
      if (r.kind === 'signed-out') {
        tokens.clear();
        session.set('signed-out');
        if (INSPECTOR) log('no-session');
      } else {
        if (INSPECTOR) {
          counters.tokenErrors++;
          log('token-error', r.reason);
        }
      }
      return r;
    });
    return r === DISCARDED ? this.acquire() : r;
  }

  /** A token to send now, a "signed out", or an error (the token endpoint failed: not a sign-out). */
  async acquire(): Promise<Acquired> {
    const freshness = this.tokens.freshness();
    const token = this.tokens.token!;
    if (freshness === 'fresh') return { kind: 'token', token };
    if (freshness === 'stale') return { kind: 'token', token, background: this.#load(true) };
    return this.session.knownSignedOut() ? SIGNED_OUT : this.#load(freshness === 'expired');
  }

  /** After the API rejected `rejected`: a newer token if one exists, else one shared refresh. */
  async renew(rejected: string): Promise<Acquired> {
    const current = this.tokens.token;
    if (current?.value === rejected) this.tokens.clear();
    else if (current && this.tokens.freshness() !== 'expired') return { kind: 'token', token: current };
    // Another request already learnt the session is gone: no need to ask again.
    return this.session.knownSignedOut() ? SIGNED_OUT : this.#load(true);
  }

  /** Forget everything: on sign-in, sign-out, or when asked to drop the token. */
  reset(session: 'signed-out' | 'unknown', newGeneration: boolean): void {
    this.tokens.clear(newGeneration);
    if (session === 'signed-out') this.session.set(session);
    else this.session.clear();
  }
}
