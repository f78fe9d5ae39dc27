import { fetchToken } from './fetch-token.js';
import { SessionCache } from './session-cache.js';
import { TokenCache, type CachedToken } from './token-cache.js';
import type { ResolvedConfig } from './types.js';
import type { WorkerState } from './worker-state.js';

declare const self: ServiceWorkerGlobalScope;

const DISCARDED = Symbol('discarded');

export type Acquired =
  | { kind: 'token'; token: CachedToken; background?: Promise<unknown> }
  | { kind: 'signed-out' }
  | { kind: 'error'; reason: string };

/** The token cache and the session cache behind one door, with the counters the inspector shows. */
export class TokenProvider {
  readonly tokens: TokenCache;
  readonly session: SessionCache;
  /** Called when the token endpoint proves a live session (a later loss deserves a sign-out). */
  onSessionAlive: () => void = () => {};
  private readonly tokenUrl: string;

  constructor(
    private readonly config: ResolvedConfig,
    private readonly state: WorkerState,
    private readonly fetchFn: typeof fetch = (...a) => fetch(...a),
    origin: string = self.location.origin,
  ) {
    this.tokens = new TokenCache(config.refreshMarginSeconds, state.now);
    this.session = new SessionCache(config.sessionTtlSeconds, state.now);
    this.tokenUrl = origin + config.authBasePath + '/token';
  }

  /**
   * One token fetch shared by every caller of this session generation. An answer that arrives after a
   * sign-in or sign-out belongs to the old session: ask again for the new one (a sign-out answers
   * "signed out" from the session cache without a fetch).
   */
  private async load(refresh: boolean): Promise<Acquired> {
    const r = await this.fetchOnce(refresh);
    return r === DISCARDED ? this.acquire() : r;
  }

  private fetchOnce(refresh: boolean): Promise<Acquired | typeof DISCARDED> {
    return this.tokens.single(async (generation) => {
      const { counters } = this.state;
      counters.tokenFetches++;
      if (refresh) counters.refreshes++;
      const r = await fetchToken({
        url: this.tokenUrl,
        timeoutMs: this.config.tokenTimeoutMs,
        maxTokenBytes: this.config.maxTokenBytes,
        fetch: this.fetchFn,
        now: this.state.now,
      });
      if (generation !== this.tokens.generation) {
        // Signed in or out while we waited: this answer belongs to a session that is gone.
        this.state.log('token-discarded', 'session changed during fetch');
        return DISCARDED;
      }
      if (r.kind === 'token') {
        const t = this.tokens.set(r.token, r.claims, r.receivedAt);
        this.session.set('signed-in', r.claims.sub ?? null);
        this.state.log(refresh ? 'token-refreshed' : 'token-fetched', `valid ${Math.round((t.expiresAt - r.receivedAt) / 1000)} s`);
        this.onSessionAlive();
        return { kind: 'token', token: t };
      }
      if (r.kind === 'signed-out') {
        this.tokens.clear();
        this.session.set('signed-out');
        this.state.log('no-session', 'token endpoint answered 401');
        return r;
      }
      counters.tokenErrors++;
      this.state.log('token-error', r.reason);
      return r;
    });
  }

  /** A token to send now, a "signed out", or an error (the token endpoint failed: not a sign-out). */
  async acquire(): Promise<Acquired> {
    const freshness = this.tokens.freshness();
    const token = this.tokens.token;
    if (freshness === 'fresh' && token) return { kind: 'token', token };
    if (freshness === 'stale' && token) return { kind: 'token', token, background: this.load(true) };
    if (this.session.knownSignedOut()) return { kind: 'signed-out' };
    return this.load(freshness === 'expired');
  }

  /** After the API rejected `rejected`: a newer token if one exists, else one shared refresh. */
  async renew(rejected: string): Promise<Acquired> {
    const current = this.tokens.token;
    if (current && current.value !== rejected && this.tokens.freshness() !== 'expired') return { kind: 'token', token: current };
    if (current?.value === rejected) this.tokens.clear();
    // Another request already learnt the session is gone: no need to ask again.
    if (this.session.knownSignedOut()) return { kind: 'signed-out' };
    return this.load(true);
  }

  /** Forget everything: on sign-in, sign-out, or when asked to drop the token. */
  reset(session: 'signed-out' | 'unknown', newGeneration: boolean): void {
    this.tokens.clear(newGeneration);
    if (session === 'signed-out') this.session.set('signed-out');
    else this.session.clear();
  }
}
