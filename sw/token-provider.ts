import { fetchToken, type FetchTokenOptions, type TokenResult } from './fetch-token.js';
import type { CachedToken, Session } from './session.js';
import type { ResolvedConfig } from './types.js';
import type { WorkerState } from './worker-state.js';
import { INSPECTOR } from './inspector.js';
import { TRACE } from './trace.js';

export type Acquired =
  | { kind: 'token'; token_: CachedToken; generation_: number; background_?: Promise<unknown> }
  | { kind: 'signed-out' }
  | { kind: 'error'; reason: string };

const SIGNED_OUT: Acquired = { kind: 'signed-out' };
const BACKING_OFF: Acquired = { kind: 'error', reason: 'backing off' };

/**
 * Mints tokens from the session cookie for the Session model: one token fetch in flight at a time, shared
 * by every caller that may use its answer, across all tabs. Only a 401 from the token endpoint ends a
 * session (`onSessionGone`); failures back off and never sign anyone out.
 */
export class TokenProvider {
  #inflight: { seq_: number; generation_: number; promise_: Promise<Acquired> } | null = null;
  #state: WorkerState;
  #onSessionGone: () => void;
  #options: FetchTokenOptions;

  constructor(
    readonly session_: Session,
    config: ResolvedConfig,
    state: WorkerState,
    onSessionGone: () => void,
    fetchFn: typeof fetch,
    origin: string,
  ) {
    this.#state = state;
    this.#onSessionGone = onSessionGone;
    this.#options = {
      url: origin + config.authBasePath + '/token',
      timeoutMs: config.tokenTimeoutMs,
      maxTokenBytes: config.maxTokenBytes,
      fetch: fetchFn,
      now: session_.now,
    };
  }

  /** A token `clientId` may send now, a "signed out", or an error (the token endpoint failed: not a sign-out). */
  acquire(clientId: string): Promise<Acquired> | Acquired {
    const s = this.session_;
    // First: a newly loaded page may lift a soft latch (see Session.see).
    const seenAt = s.see(clientId);
    if (s.latch) return SIGNED_OUT;
    const token = s.tokenFor_(clientId);
    if (token)
      return {
        kind: 'token',
        token_: token,
        generation_: s.generation,
        // Stale: send it, and refresh in the background unless the token endpoint is backing off.
        background_:
          s.now() < token.refreshAt || s.backingOff_(s.tokenBackoff_)
            ? undefined
            : (this.#load(token.seq_, true) as Promise<Acquired>),
      };
    return s.knownSignedOut_(clientId) ? SIGNED_OUT : this.#load(seenAt, false);
  }

  /**
   * After the API refused `rejected`: a newer token of the same session if there is one, else one shared
   * refresh. The caller checks the identity (`sub`) before it replays anything.
   */
  renew_(rejected: CachedToken): Promise<Acquired> | Acquired {
    const s = this.session_;
    if (s.latch) return SIGNED_OUT;
    const current = s.token_;
    if (current && current.seq_ > rejected.seq_ && s.now() < current.hardExpiry_)
      return { kind: 'token', token_: current, generation_: s.generation };
    if (current === rejected) s.forget_();
    return this.#load(rejected.seq_, true);
  }

  /** The page-load step: mint ahead of the page's first API call, only where a session is plausible. */
  async prewarm(clientId: string): Promise<void> {
    const s = this.session_;
    const seenAt = s.see(clientId);
    if (s.tokenFor_(clientId) || s.backingOff_(s.tokenBackoff_) || !(await s.plausible_())) return;
    await this.#load(seenAt, false);
  }

  /** Joins the fetch in flight if it started after `after` (and in this generation), else starts one. */
  #load(after: number, refresh: boolean): Promise<Acquired> | Acquired {
    const s = this.session_;
    const f = this.#inflight;
    if (f && f.seq_ > after && f.generation_ === s.generation) return f.promise_;
    if (s.backingOff_(s.tokenBackoff_)) return BACKING_OFF;
    const seq = ++s.started_;
    const generation = s.generation;
    const promise = this.#fetch(seq, generation, refresh).finally(() => {
      if (this.#inflight?.promise_ === promise) this.#inflight = null;
    });
    this.#inflight = { seq_: seq, generation_: generation, promise_: promise };
    return promise;
  }

  async #fetch(seq: number, generation: number, refresh: boolean): Promise<Acquired> {
    const s = this.session_;
    if (INSPECTOR) {
      this.#state.counters.tokenFetches++;
      if (refresh) this.#state.counters.refreshes++;
    }
    const previous = TRACE && s.token_?.claims.sub;
    const r: TokenResult = await fetchToken(this.#options);
    // Signed in or out while we waited: this answer belongs to a session that is gone.
    if (generation !== s.generation) return s.latch ? SIGNED_OUT : this.#load(seq, refresh);
    if (r.kind === 'token') {
      const token = s.minted_(seq, r.token, r.claims, r.receivedAt);
      if (TRACE) {
        this.#state.log(
          refresh ? 'token-refreshed' : 'token-minted',
          `${Math.round((token.expiresAt - r.receivedAt) / 1000)} s`,
        );
        if (previous && previous !== token.claims.sub) this.#state.log('identity-changed');
      }
      return { kind: 'token', token_: token, generation_: generation };
    }
    if (r.kind === 'signed-out') {
      s.noSession_(seq);
      if (TRACE) this.#state.log('no-session');
      this.#onSessionGone();
      return SIGNED_OUT;
    }
    s.tokenFailed_();
    if (INSPECTOR) this.#state.counters.tokenErrors++;
    if (TRACE)
      this.#state.log('backed-off', `${r.reason}; next try in ${Math.round(s.tokenBackoff_.until - s.now())} ms`);
    return r;
  }
}
