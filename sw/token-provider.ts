import { fetchToken, type TokenResult } from './fetch-token.js';
import type { CachedToken, Session } from './session.js';
import type { ResolvedConfig } from '../config/types.js';
import { count, logEvent, type WorkerState } from './worker-state.js';
import { INSPECTOR } from './inspector.js';
import { TRACE } from './trace.js';

export type Acquired =
  | { kind: 'token'; token: CachedToken; background?: Promise<unknown> }
  | { kind: 'signed-out' }
  | { kind: 'error'; reason: string };

const SIGNED_OUT: Acquired = { kind: 'signed-out' };
const BACKING_OFF: Acquired = { kind: 'error', reason: 'backing off' };

/**
 * Mints tokens from the session cookie for the Session model: one token fetch in flight at a time, shared
 * by every caller that may use its answer, across all tabs. Only a 401 from the token endpoint ends a
 * session (`onSessionGone`); failures back off and never sign anyone out.
 */
export interface TokenProvider {
  readonly session: Session;

  /** A token `clientId` may send now, a "signed out", or an error (the token endpoint failed: not a sign-out). */
  readonly acquire: (clientId: string) => Promise<Acquired> | Acquired;

  /**
   * After the API refused `rejected`: a newer token of the same session if there is one, else one shared
   * refresh. The caller checks the identity (`sub`) before it replays anything.
   */
  readonly renew: (rejected: CachedToken) => Promise<Acquired> | Acquired;

  /**
   * The page-load step: mint ahead of the page's first API call, only where a session is plausible.
   * Resolves to whether `clientId` now has a token it may send.
   */
  readonly prewarm: (clientId: string) => Promise<boolean>;
}

// State lives in the closure: the minifier renames locals, not members.
export function createTokenProvider(
  s: Session,
  config: ResolvedConfig,
  state: WorkerState,
  /** The token endpoint said 401 to a fetch of this generation. */
  onSessionGone: (generation: number) => void,
  fetchFn: typeof fetch,
): TokenProvider {
  const url = config.authOrigin + config.authBasePath + '/token';
  let inflight: { seq: number; generation: number; promise: Promise<Acquired> } | null = null;

  /** Joins the fetch in flight if it started after `after` (and in this generation), else starts one. */
  const load = (after: number, refresh: boolean): Promise<Acquired> | Acquired => {
    const f = inflight;
    if (f && f.seq > after && f.generation === s.generation) return f.promise;
    if (s.backingOff(s.tokenBackoff)) return BACKING_OFF;
    const seq = s.fetchStarted();
    const generation = s.generation;
    const promise = mint(seq, generation, refresh).finally(() => {
      if (inflight?.promise === promise) inflight = null;
    });
    inflight = { seq: seq, generation: generation, promise: promise };
    return promise;
  };

  const mint = async (seq: number, generation: number, refresh: boolean): Promise<Acquired> => {
    if (INSPECTOR) {
      count(state, 'tokenFetches');
      if (refresh) count(state, 'refreshes');
    }
    const previous = TRACE && s.token?.claims.sub;
    // The backoff a stopped worker left (Session.restoreBackoff, read from Cache Storage on first use): a
    // woken worker's first token fetch leaves without waiting for it, every later fetch waits and honours
    // it, so one worker start adds at most that one fetch to an outage's bound.
    if (seq > 1) {
      await s.restoreBackoff();
      if (s.backingOff(s.tokenBackoff)) return BACKING_OFF;
    }
    const r: TokenResult = await fetchToken(url, config.tokenTimeoutMs, config.maxTokenBytes, fetchFn, s.now);
    // A failure counts at the predecessor's pace, so it waits for what a stopped worker left. An answer
    // makes that moot: it is read in the background only to clear it (Session.restoreBackoff).
    if (r.kind === 'error') await s.restoreBackoff();
    else void s.restoreBackoff();
    // Signed in or out while we waited: this answer belongs to a session that is gone.
    if (generation !== s.generation) return s.latch ? SIGNED_OUT : load(seq, refresh);
    if (r.kind === 'token') {
      const token = s.minted(seq, r.token, r.claims, r.receivedAt);
      if (TRACE) {
        logEvent(
          state,
          refresh ? 'token-refreshed' : 'token-minted',
          `${Math.round((token.expiresAt - r.receivedAt) / 1000)} s`,
        );
        if (previous && previous !== token.claims.sub) logEvent(state, 'identity-changed');
      }
      return { kind: 'token', token: token };
    }
    if (r.kind === 'signed-out') {
      s.noSession(seq);
      if (TRACE) logEvent(state, 'no-session');
      onSessionGone(generation);
      return SIGNED_OUT;
    }
    s.tokenFailed();
    if (INSPECTOR) count(state, 'tokenErrors');
    if (TRACE)
      logEvent(state, 'backed-off', `${r.reason}; next try in ${Math.round(s.tokenBackoff.until - s.now())} ms`);
    return r;
  };

  const acquire: TokenProvider['acquire'] = (clientId) => {
    // First: a newly loaded page may lift a soft latch (see Session.see).
    const seenAt = s.see(clientId);
    if (s.latch) return SIGNED_OUT;
    const token = s.tokenFor(seenAt);
    if (token)
      return {
        kind: 'token',
        token: token,
        // Stale: send it, and refresh in the background unless the token endpoint is backing off.
        background:
          s.now() < token.refreshAt || s.backingOff(s.tokenBackoff)
            ? undefined
            : (load(token.seq, true) as Promise<Acquired>),
      };
    return s.knownSignedOut(seenAt) ? SIGNED_OUT : load(seenAt, false);
  };

  const renew: TokenProvider['renew'] = (rejected) => {
    if (s.latch) return SIGNED_OUT;
    const current = s.token;
    if (current && current.seq > rejected.seq && s.now() < current.hardExpiry) return { kind: 'token', token: current };
    if (current === rejected) s.forget();
    return load(rejected.seq, true);
  };

  const prewarm: TokenProvider['prewarm'] = async (clientId) => {
    const seenAt = s.see(clientId);
    // Asked again after the marker read: in a just-started worker that read can outlast the page's boot
    // and a whole token fetch its first call started meanwhile, whose answer serves this page too.
    const wanted = () => !s.tokenFor(seenAt) && !s.knownSignedOut(seenAt) && !s.backingOff(s.tokenBackoff);
    if (wanted() && (await s.plausible()) && wanted()) await load(seenAt, false);
    return !!s.tokenFor(seenAt);
  };
  return { session: s, acquire, renew, prewarm };
}
