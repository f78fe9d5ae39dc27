import type { PublicClaims, SessionState, WorkerStatus } from '../protocol/protocol.js';

export type Claims = PublicClaims & { exp: number };

export interface CachedToken {
  value: string;
  claims: Claims;
  /** Which token fetch minted it (fetches are numbered as they start). */
  seq: number;
  /** The session generation it was minted in (a token never outlives its generation: reset drops it). */
  generation: number;
  /** Local clock, ms. */
  expiresAt: number;
  refreshAt: number;
  /** Past this the token is not sent any more: we wait for a fresh one. */
  hardExpiry: number;
}

/**
 * After a sign-out no token is minted or sent until a new session is seen. `pending`: our sign-out is in
 * flight. `hard`: it failed, so the cookie may still be live and only a new session (a sign-in or sign-up
 * the auth server accepted, or `sessionChanged()`) lifts the latch, never a navigation or another auth
 * answer. `soft`: the cookie is gone (or the auth server said so), so a newly loaded page may look again.
 */
type Latch = 'pending' | 'hard' | 'soft' | null;

/**
 * A non-secret "a session was seen in this browser" flag that outlives the worker. Never the token. Like
 * BackoffStore, it never rejects: what it cannot read is unknown, what it cannot write stays in memory.
 */
export interface SessionMarker {
  get(): Promise<boolean | undefined>;
  set(seen: boolean): Promise<void>;
}

/** Where the token backoff outlives a stopped worker, so the bound holds per browser, not per worker start. */
export interface BackoffStore {
  get(): Promise<Backoff | undefined>;
  set(backoff: Backoff): Promise<void>;
}

/**
 * Jittered exponential backoff: after the n-th failure in a row, wait between half and all of
 * `baseMs * 2^(n-1)`, at most 30 s; once the failures have lasted 30 s, exactly 30 s. So however the
 * calls are spaced: at most 8 tries in the first minute, one per 30 s after it, and never more than 30 s
 * of refusals once the other side works again. The jitter keeps many browsers from retrying in step.
 */
export interface Backoff {
  /** Epoch ms (worker clock) until which we wait; 0 when not backing off. */
  until: number;
  /** Failures in a row. */
  failures: number;
  /** When the first of them happened. */
  since?: number;
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
 */
export class Session {
  state: SessionState = 'unknown';
  token: CachedToken | null = null;
  generation = 0;
  latch: Latch = null;
  /** Mirror of the marker; undefined until read or written. */
  private seen: boolean | undefined;
  /**
   * Token endpoint failures (5xx, timeout, garbage): requests fail fast with a coded 503 meanwhile. It
   * outlives session generations: a failing auth server is not mended by a session change.
   */
  readonly tokenBackoff: Backoff = { until: 0, failures: 0 };
  /** Per API origin: it refuses tokens the auth server has just issued, so no re-minting for its 401s meanwhile. */
  rejectBackoffs: Record<string, Backoff> = {};
  /** Token fetches started so far; each fetch takes the next number (`fetchStarted()`). */
  private started = 0;
  /** The last token fetch that answered (or the generation's start), and when (worker clock). */
  private checkedSeq = 0;
  private checkedAt = 0;
  private clients = new Map<string, number>();
  private marginMs: number;
  private ttlMs: number;

  constructor(
    refreshMarginSeconds: number,
    sessionTtlSeconds: number,
    readonly now: () => number,
    private marker: SessionMarker,
    private backoffStore: BackoffStore,
    private random: () => number = Math.random,
  ) {
    this.marginMs = refreshMarginSeconds * 1000;
    this.ttlMs = sessionTtlSeconds * 1000;
  }

  // ---- transitions ----

  /**
   * The session may have changed (any auth answer that is not a known read): start a new generation.
   * `fresh`: a new session for sure (the auth server accepted a sign-in or sign-up, or the app said so),
   * which lifts any sign-out latch and shows the auth server works. Otherwise a hard latch stays.
   */
  changed(fresh = false): void {
    this.reset('unknown');
    if (fresh) this.tokenWorks();
    if (fresh || this.latch === 'soft') this.latch = null;
  }

  /**
   * Aborts the authorized requests sent in this session: those still queued in the browser's network
   * stack (six connections per host) would otherwise leave after the sign-out with its token.
   */
  cut = new AbortController();

  /**
   * A sign-out starts: final at once, whatever the TTL; the marker goes. Returns the cut of the requests
   * sent so far, for the caller to abort once the tabs are told: aborting hundreds of requests keeps
   * Chromium's browser process busy for seconds, and the sign-out POST and the tabs' messages would wait.
   */
  signingOut(): AbortController {
    const cut = this.cut;
    this.cut = new AbortController();
    this.reset('signed-out');
    this.latch = 'pending';
    this.mark(false);
    return cut;
  }

  /** A token fetch starts: its number, which orders its answer against other fetches and page loads. */
  fetchStarted(): number {
    return ++this.started;
  }

  /** Our sign-out ended: `cookieCleared` when Better Auth said so (or the session was already gone). */
  signedOut(cookieCleared: boolean): void {
    if (this.latch === 'pending') this.latch = cookieCleared ? 'soft' : 'hard';
  }

  /** Token fetch number `seq` returned a token. Returns the cached token (a later fetch's may win). */
  minted(seq: number, value: string, claims: Claims, receivedAt: number): CachedToken {
    if (this.token && this.token.seq > seq) return this.token;
    // The lifetime (exp - iat) counted from receipt: a skewed client clock cannot cause a refresh loop.
    const lifetimeMs = Math.max(
      0,
      claims.iat !== undefined ? (claims.exp - claims.iat) * 1000 : claims.exp * 1000 - receivedAt,
    );
    const expiresAt = receivedAt + lifetimeMs;
    this.token = {
      value: value,
      claims: claims,
      seq: seq,
      generation: this.generation,
      expiresAt: expiresAt,
      refreshAt: expiresAt - Math.min(this.marginMs, lifetimeMs / 2),
      // Keep a little room for the request to reach the API before the token dies.
      hardExpiry: expiresAt - Math.min(5000, lifetimeMs / 10),
    };
    this.answered(seq, 'signed-in');
    this.mark(true);
    return this.token;
  }

  /** Token fetch number `seq` answered 401: there is no session (the only place that decides so). */
  noSession(seq: number): void {
    if (this.checkedSeq > seq) return;
    this.token = null;
    this.answered(seq, 'signed-out');
  }

  /**
   * The token endpoint failed (5xx, timeout, garbage): back off 0.5 s, doubling, then every 30 s (see
   * Backoff). At most 8 token fetches in an outage's first minute and one per 30 s after it; a call at
   * most 30 s after the auth server is back gets through.
   */
  tokenFailed(): void {
    this.fail(this.tokenBackoff, 500);
    this.saveBackoff();
  }

  /**
   * Reads back, once, the token backoff a stopped worker left, so a worker woken during an outage keeps
   * its pace. The token provider honours it before any token fetch but a woken worker's first, and before
   * a failure counts; never on a request with a token, and never before an answer that worked. Once this
   * worker has seen the token endpoint work, what a stopped worker left is over: it is cleared, not taken on.
   */
  restoreBackoff(): Promise<void> {
    return (this.restoring ??= this.backoffStore.get().then((saved) => {
      if (!saved?.failures) return;
      // The token endpoint answered this worker since: what a stopped worker left is over.
      if (this.tokenWorked) this.saveBackoff();
      else if (!this.tokenBackoff.failures) Object.assign(this.tokenBackoff, saved);
    }));
  }
  private restoring?: Promise<void>;
  private tokenWorked = false;

  /**
   * The API at `origin` refused a token of `generation` the auth server had just issued: stop re-minting
   * for that origin's 401s, 1 s, doubling up to 30 s. Concurrent retries count as one refusal, not as many
   * doublings; a refusal of an earlier generation's token says nothing about this one.
   */
  tokenRejected(origin: string, generation: number): void {
    if (generation !== this.generation) return;
    const b = (this.rejectBackoffs[origin] ??= { until: 0, failures: 0 });
    if (!this.backingOff(b)) this.fail(b, 1000);
  }

  /** The API at `url`'s origin took a token: it accepts fresh tokens again (other origins keep theirs). */
  tokenAccepted(url: string): void {
    for (const origin in this.rejectBackoffs) if (url.startsWith(origin + '/')) delete this.rejectBackoffs[origin];
  }

  /** Drop the token, keep the session (the bridge's `forgetToken()`). */
  forget(): void {
    this.token = null;
  }

  /**
   * Notes a client (page) the first time it shows up. A newly loaded page after a sign-out whose cookie is
   * gone may look for a new session (a server-side sign-in the worker never saw).
   */
  see(clientId: string): number {
    let seenAt = this.clients.get(clientId);
    if (seenAt === undefined) {
      // Bounded (512): a forgotten client is only re-validated once more.
      if (this.clients.size >= 512) this.clients.delete(this.clients.keys().next().value!);
      this.clients.set(clientId, (seenAt = this.started));
      if (this.latch === 'soft') this.latch = null;
    }
    return seenAt;
  }

  // ---- queries ----

  /** The cached token if a client first seen at `seenAt` (see) may use it: minted after that, and not expired. */
  tokenFor(seenAt: number): CachedToken | null {
    const t = this.token;
    return t && t.seq > seenAt && this.now() < t.hardExpiry ? t : null;
  }

  backingOff(backoff: Backoff): boolean {
    return this.now() < backoff.until;
  }

  /** Whether the API at `url`'s origin keeps refusing fresh tokens (see tokenRejected). */
  rejecting(url: string): boolean {
    for (const origin in this.rejectBackoffs)
      if (url.startsWith(origin + '/') && this.backingOff(this.rejectBackoffs[origin]!)) return true;
    return false;
  }

  /** A "no session" answer fresh enough, and given after a client first seen at `seenAt` (see). */
  knownSignedOut(seenAt: number): boolean {
    return this.state === 'signed-out' && this.checkedSeq > seenAt && this.now() - this.checkedAt < this.ttlMs;
  }

  /** Whether a session was seen in this browser (the marker outlives a stopped worker). Read once. */
  wasSeen(): Promise<boolean> {
    return this.seen !== undefined
      ? Promise.resolve(this.seen)
      : (this.seenRead ??= this.marker.get().then((seen) => (this.seen ??= !!seen)));
  }
  private seenRead?: Promise<boolean>;

  /** Worth a token fetch ahead of the first API call: never for a visitor with no session seen here. */
  async plausible(): Promise<boolean> {
    return !this.latch && (!!this.token || this.state === 'signed-in' || (await this.wasSeen()));
  }

  /** For `status()`: what the inspector may see, never the token. */
  snapshot(): Pick<
    WorkerStatus,
    'session' | 'userId' | 'generation' | 'signedOutLatch' | 'tokenBackoffUntil' | 'rejectBackoffUntil' | 'token'
  > {
    const t = this.token;
    // Only these claims: Better Auth puts the whole user (email, name…) in the payload.
    const { sub, iss, aud, iat, exp } = t?.claims ?? {};
    return {
      session: this.state,
      userId: this.state === 'signed-in' ? (sub ?? null) : null,
      generation: this.generation,
      signedOutLatch: !!this.latch,
      tokenBackoffUntil: this.tokenBackoff.until,
      rejectBackoffUntil: Math.max(0, ...Object.values(this.rejectBackoffs).map((b) => b.until)),
      token: t && { expiresAt: t.expiresAt, refreshAt: t.refreshAt, claims: { sub, iss, aud, iat, exp } },
    };
  }

  private reset(state: SessionState): void {
    this.generation++;
    this.token = null;
    this.state = state;
    this.checkedSeq = this.started;
    this.checkedAt = 0;
    this.rejectBackoffs = {};
  }

  /** Token fetch number `seq` was answered: the token endpoint works, and the answer is the state now. */
  private answered(seq: number, state: SessionState): void {
    this.state = state;
    this.checkedSeq = seq;
    this.checkedAt = this.now();
    this.tokenWorks();
  }

  private tokenWorks(): void {
    this.tokenWorked = true;
    if (this.tokenBackoff.failures) {
      this.clear(this.tokenBackoff);
      this.saveBackoff();
    }
  }

  private saveBackoff(): void {
    void this.backoffStore.set({ ...this.tokenBackoff });
  }

  /** Capped after the jitter, so the wait at the cap is exactly 30 s: never shorter, never longer. */
  private fail(b: Backoff, baseMs: number): void {
    const now = this.now();
    if (!b.failures) b.since = now;
    b.until =
      now + (now - b.since! < 30_000 ? Math.min(30_000, baseMs * 2 ** b.failures * (0.5 + this.random() / 2)) : 30_000);
    b.failures++;
  }

  private clear(b: Backoff): void {
    b.until = b.failures = 0;
  }

  private mark(seen: boolean): void {
    if (this.seen !== seen) void this.marker.set((this.seen = seen));
  }
}
