import type { PublicClaims, SessionState, WorkerStatus } from '../src/shared/protocol.js';

export type Claims = PublicClaims & { exp: number };

export interface CachedToken {
  value_: string;
  claims_: Claims;
  /** Which token fetch minted it (fetches are numbered as they start). */
  seq_: number;
  /** The session generation it was minted in (a token never outlives its generation: reset_ drops it). */
  generation_: number;
  /** Local clock, ms. */
  expiresAt_: number;
  refreshAt_: number;
  /** Past this the token is not sent any more: we wait for a fresh one. */
  hardExpiry_: number;
}

/**
 * After a sign-out no token is minted or sent until a new session is seen. `pending`: our sign-out is in
 * flight. `hard`: it failed, so the cookie may still be live and only a sign-in or `sessionChanged()` lifts
 * the latch. `soft`: the cookie is gone (or the auth server said so), so a newly loaded page may look again.
 */
type Latch = 'pending' | 'hard' | 'soft' | null;

/** A non-secret "a session was seen in this browser" flag that outlives the worker. Never the token. */
export interface SessionMarker {
  get(): Promise<boolean>;
  set(seen: boolean): Promise<void>;
}

/**
 * Jittered exponential backoff: after the n-th failure in a row, wait between half and all of
 * `baseMs * 2^(n-1)`, capped at `capMs`. The jitter keeps many tabs and workers from retrying in step.
 */
interface Backoff {
  /** Epoch ms (worker clock) until which we wait; 0 when not backing off. */
  until_: number;
  /** Failures in a row. */
  failures_: number;
}

/**
 * The worker's one model of the Better Auth session: identity (the token and its `sub`), generation,
 * state, the signed-out latch, and the two backoffs. Everything changes through the named transitions
 * below; the token provider, the handlers and `status()` only read it.
 *
 * Page loads: each client (page, iframe, worker) is noted with the number of token fetches started when
 * it was first seen, and may only use a token (or a "signed out" answer) from a later fetch. So a page
 * loaded after a session change the worker could not see never gets the old identity's token: its first
 * request re-validates, single flight, one token fetch per page load at most.
 *
 * Names ending in `_` (here and across sw/) are internal to the worker: the production build renames them
 * (vite/build-worker-script.ts). Never give that ending to a protocol, status or config field.
 */
export class Session {
  state_: SessionState = 'unknown';
  token_: CachedToken | null = null;
  generation_ = 0;
  latch_: Latch = null;
  /** Mirror of the marker; undefined until read or written. */
  private seen_: boolean | undefined;
  /** Token endpoint failures (5xx, timeout, garbage): requests fail fast with a coded 503 meanwhile. */
  readonly tokenBackoff_: Backoff = { until_: 0, failures_: 0 };
  /** The API refuses tokens the auth server has just issued: no re-minting for rejected tokens meanwhile. */
  readonly rejectBackoff_: Backoff = { until_: 0, failures_: 0 };
  /** Token fetches started so far; each fetch takes the next number. */
  started_ = 0;
  /** The last token fetch that answered (or the generation's start), and when (worker clock). */
  private checkedSeq_ = 0;
  private checkedAt_ = 0;
  private clients_ = new Map<string, number>();
  private marginMs_: number;
  private ttlMs_: number;

  constructor(
    refreshMarginSeconds: number,
    sessionTtlSeconds: number,
    readonly now_: () => number,
    private marker_: SessionMarker,
    private random_: () => number = Math.random,
  ) {
    this.marginMs_ = refreshMarginSeconds * 1000;
    this.ttlMs_ = sessionTtlSeconds * 1000;
  }

  // ---- transitions ----

  /** The session may have changed (a sign-in, any auth write, `sessionChanged()`): start a new generation. */
  changed_(): void {
    this.reset_('unknown');
    this.latch_ = null;
  }

  /**
   * Aborted when a sign-out starts: authorized requests still queued in the browser's network stack
   * (six connections per host) would otherwise leave after it with the old session's token.
   */
  cut_ = new AbortController();

  /** A sign-out starts: final at once, whatever the TTL; the marker goes; queued requests are cut. */
  signingOut_(): void {
    this.cut_.abort();
    this.cut_ = new AbortController();
    this.reset_('signed-out');
    this.latch_ = 'pending';
    this.mark_(false);
  }

  /** Our sign-out ended: `cookieCleared` when Better Auth said so (or the session was already gone). */
  signedOut_(cookieCleared: boolean): void {
    if (this.latch_ === 'pending') this.latch_ = cookieCleared ? 'soft' : 'hard';
  }

  /** Token fetch number `seq` returned a token. Returns the cached token (a later fetch's may win). */
  minted_(seq: number, value: string, claims: Claims, receivedAt: number): CachedToken {
    if (this.token_ && this.token_.seq_ > seq) return this.token_;
    // The lifetime (exp - iat) counted from receipt: a skewed client clock cannot cause a refresh loop.
    const lifetimeMs = Math.max(
      0,
      claims.iat !== undefined ? (claims.exp - claims.iat) * 1000 : claims.exp * 1000 - receivedAt,
    );
    const expiresAt = receivedAt + lifetimeMs;
    this.token_ = {
      value_: value,
      claims_: claims,
      seq_: seq,
      generation_: this.generation_,
      expiresAt_: expiresAt,
      refreshAt_: expiresAt - Math.min(this.marginMs_, lifetimeMs / 2),
      // Keep a little room for the request to reach the API before the token dies.
      hardExpiry_: expiresAt - Math.min(5000, lifetimeMs / 10),
    };
    this.answered_(seq, 'signed-in');
    this.mark_(true);
    return this.token_;
  }

  /** Token fetch number `seq` answered 401: there is no session (the only place that decides so). */
  noSession_(seq: number): void {
    if (this.checkedSeq_ > seq) return;
    this.token_ = null;
    this.answered_(seq, 'signed-out');
  }

  /** The token endpoint failed (5xx, timeout, garbage): back off 0.5 s, doubling up to 4 s. */
  tokenFailed_(): void {
    this.fail_(this.tokenBackoff_, 500, 4000);
  }

  /**
   * The API refused a token the auth server had just issued: stop re-minting for rejected tokens, 1 s,
   * doubling up to 30 s. Concurrent retries count as one refusal, not as many doublings.
   */
  tokenRejected_(): void {
    if (!this.backingOff_(this.rejectBackoff_)) this.fail_(this.rejectBackoff_, 1000, 30_000);
  }

  /** The API took a token: it accepts fresh tokens again. */
  tokenAccepted_(): void {
    this.clear_(this.rejectBackoff_);
  }

  /** Drop the token, keep the session (the bridge's `forgetToken()`). */
  forget_(): void {
    this.token_ = null;
  }

  /**
   * Notes a client (page) the first time it shows up. A newly loaded page after a sign-out whose cookie is
   * gone may look for a new session (a server-side sign-in the worker never saw).
   */
  see_(clientId: string): number {
    let seenAt = this.clients_.get(clientId);
    if (seenAt === undefined) {
      // Bounded (512): a forgotten client is only re-validated once more.
      if (this.clients_.size >= 512) this.clients_.delete(this.clients_.keys().next().value!);
      this.clients_.set(clientId, (seenAt = this.started_));
      if (this.latch_ === 'soft') this.latch_ = null;
    }
    return seenAt;
  }

  // ---- queries ----

  /** The cached token if a client first seen at `seenAt` (see) may use it: minted after that, and not expired. */
  tokenFor_(seenAt: number): CachedToken | null {
    const t = this.token_;
    return t && t.seq_ > seenAt && this.now_() < t.hardExpiry_ ? t : null;
  }

  backingOff_(backoff: Backoff): boolean {
    return this.now_() < backoff.until_;
  }

  /** A "no session" answer fresh enough, and given after a client first seen at `seenAt` (see). */
  knownSignedOut_(seenAt: number): boolean {
    return this.state_ === 'signed-out' && this.checkedSeq_ > seenAt && this.now_() - this.checkedAt_ < this.ttlMs_;
  }

  /** Whether a session was seen in this browser (the marker outlives a stopped worker). */
  async wasSeen_(): Promise<boolean> {
    return (this.seen_ ??= await this.marker_.get());
  }

  /** Worth a token fetch ahead of the first API call: never for a visitor with no session seen here. */
  async plausible_(): Promise<boolean> {
    return !this.latch_ && (!!this.token_ || this.state_ === 'signed-in' || (await this.wasSeen_()));
  }

  /** For `status()`: what the inspector may see, never the token. */
  snapshot_(): Pick<
    WorkerStatus,
    'session' | 'userId' | 'generation' | 'signedOutLatch' | 'tokenBackoffUntil' | 'rejectBackoffUntil' | 'token'
  > {
    const t = this.token_;
    // Only these claims: Better Auth puts the whole user (email, name…) in the payload.
    const { sub, iss, aud, iat, exp } = t?.claims_ ?? {};
    return {
      session: this.state_,
      userId: this.state_ === 'signed-in' ? (sub ?? null) : null,
      generation: this.generation_,
      signedOutLatch: !!this.latch_,
      tokenBackoffUntil: this.tokenBackoff_.until_,
      rejectBackoffUntil: this.rejectBackoff_.until_,
      token: t && { expiresAt: t.expiresAt_, refreshAt: t.refreshAt_, claims: { sub, iss, aud, iat, exp } },
    };
  }

  private reset_(state: SessionState): void {
    this.generation_++;
    this.token_ = null;
    this.state_ = state;
    this.checkedSeq_ = this.started_;
    this.checkedAt_ = 0;
    this.clear_(this.tokenBackoff_);
    this.clear_(this.rejectBackoff_);
  }

  /** Token fetch number `seq` was answered: the token endpoint works, and the answer is the state now. */
  private answered_(seq: number, state: SessionState): void {
    this.state_ = state;
    this.checkedSeq_ = seq;
    this.checkedAt_ = this.now_();
    this.clear_(this.tokenBackoff_);
  }

  private fail_(b: Backoff, baseMs: number, capMs: number): void {
    b.until_ = this.now_() + Math.min(capMs, baseMs * 2 ** b.failures_++) * (0.5 + this.random_() / 2);
  }

  private clear_(b: Backoff): void {
    b.until_ = b.failures_ = 0;
  }

  private mark_(seen: boolean): void {
    if (this.seen_ !== seen) void this.marker_.set((this.seen_ = seen)).catch(() => {});
  }
}
