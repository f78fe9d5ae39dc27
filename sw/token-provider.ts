import { fetchToken, type TokenResult } from './fetch-token.js';
import type { CachedToken, Session } from './session.js';
import type { ResolvedConfig } from './types.js';
import { logEvent, type WorkerState } from './worker-state.js';
import { INSPECTOR } from './inspector.js';
import { TRACE } from './trace.js';

export type Acquired =
  | { kind_: 'token'; token_: CachedToken; background_?: Promise<unknown> }
  | { kind_: 'signed-out' }
  | { kind_: 'error'; reason_: string };

const SIGNED_OUT: Acquired = { kind_: 'signed-out' };
const BACKING_OFF: Acquired = { kind_: 'error', reason_: 'backing off' };

/**
 * Mints tokens from the session cookie for the Session model: one token fetch in flight at a time, shared
 * by every caller that may use its answer, across all tabs. Only a 401 from the token endpoint ends a
 * session (`onSessionGone`); failures back off and never sign anyone out.
 */
export interface TokenProvider {
  readonly session_: Session;

  /** A token `clientId` may send now, a "signed out", or an error (the token endpoint failed: not a sign-out). */
  readonly acquire_: (clientId: string) => Promise<Acquired> | Acquired;

  /**
   * After the API refused `rejected`: a newer token of the same session if there is one, else one shared
   * refresh. The caller checks the identity (`sub`) before it replays anything.
   */
  readonly renew_: (rejected: CachedToken) => Promise<Acquired> | Acquired;

  /**
   * The page-load step: mint ahead of the page's first API call, only where a session is plausible.
   * Resolves to whether `clientId` now has a token it may send.
   */
  readonly prewarm_: (clientId: string) => Promise<boolean>;
}

// State lives in the closure: the minifier renames locals, not members.
export function createTokenProvider(
  s: Session,
  config: ResolvedConfig,
  state: WorkerState,
  onSessionGone: () => void,
  fetchFn: typeof fetch,
  origin: string,
): TokenProvider {
  const url = origin + config.authBasePath + '/token';
  let inflight: { seq_: number; generation_: number; promise_: Promise<Acquired> } | null = null;

  /** Joins the fetch in flight if it started after `after` (and in this generation), else starts one. */
  const load = (after: number, refresh: boolean): Promise<Acquired> | Acquired => {
    const f = inflight;
    if (f && f.seq_ > after && f.generation_ === s.generation_) return f.promise_;
    if (s.backingOff_(s.tokenBackoff_)) return BACKING_OFF;
    const seq = ++s.started_;
    const generation = s.generation_;
    const promise = mint(seq, generation, refresh).finally(() => {
      if (inflight?.promise_ === promise) inflight = null;
    });
    inflight = { seq_: seq, generation_: generation, promise_: promise };
    return promise;
  };

  const mint = async (seq: number, generation: number, refresh: boolean): Promise<Acquired> => {
    if (INSPECTOR) {
      state.counters_.tokenFetches++;
      if (refresh) state.counters_.refreshes++;
    }
    const previous = TRACE && s.token_?.claims_.sub;
    const r: TokenResult = await fetchToken(url, config.tokenTimeoutMs, config.maxTokenBytes, fetchFn, s.now_);
    // Signed in or out while we waited: this answer belongs to a session that is gone.
    if (generation !== s.generation_) return s.latch_ ? SIGNED_OUT : load(seq, refresh);
    if (r.kind_ === 'token') {
      const token = s.minted_(seq, r.token_, r.claims_, r.receivedAt_);
      if (TRACE) {
        logEvent(
          state,
          refresh ? 'token-refreshed' : 'token-minted',
          `${Math.round((token.expiresAt_ - r.receivedAt_) / 1000)} s`,
        );
        if (previous && previous !== token.claims_.sub) logEvent(state, 'identity-changed');
      }
      return { kind_: 'token', token_: token };
    }
    if (r.kind_ === 'signed-out') {
      s.noSession_(seq);
      if (TRACE) logEvent(state, 'no-session');
      onSessionGone();
      return SIGNED_OUT;
    }
    s.tokenFailed_();
    if (INSPECTOR) state.counters_.tokenErrors++;
    if (TRACE)
      logEvent(state, 'backed-off', `${r.reason_}; next try in ${Math.round(s.tokenBackoff_.until_ - s.now_())} ms`);
    return r;
  };

  const acquire_: TokenProvider['acquire_'] = (clientId) => {
    // First: a newly loaded page may lift a soft latch (see Session.see).
    const seenAt = s.see_(clientId);
    if (s.latch_) return SIGNED_OUT;
    const token = s.tokenFor_(seenAt);
    if (token)
      return {
        kind_: 'token',
        token_: token,
        // Stale: send it, and refresh in the background unless the token endpoint is backing off.
        background_:
          s.now_() < token.refreshAt_ || s.backingOff_(s.tokenBackoff_)
            ? undefined
            : (load(token.seq_, true) as Promise<Acquired>),
      };
    return s.knownSignedOut_(seenAt) ? SIGNED_OUT : load(seenAt, false);
  };

  const renew_: TokenProvider['renew_'] = (rejected) => {
    if (s.latch_) return SIGNED_OUT;
    const current = s.token_;
    if (current && current.seq_ > rejected.seq_ && s.now_() < current.hardExpiry_)
      return { kind_: 'token', token_: current };
    if (current === rejected) s.forget_();
    return load(rejected.seq_, true);
  };

  const prewarm_: TokenProvider['prewarm_'] = async (clientId) => {
    const seenAt = s.see_(clientId);
    if (!s.tokenFor_(seenAt) && !s.backingOff_(s.tokenBackoff_) && (await s.plausible_())) await load(seenAt, false);
    return !!s.tokenFor_(seenAt);
  };
  return { session_: s, acquire_, renew_, prewarm_ };
}
