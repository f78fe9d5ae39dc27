export type StaticRoutes = 'all' | 'cross-origin' | 'none';

/** Offline writes (docs/offline-writes.md). */
export interface OfflineWritesOptions {
  /** Only writes under this path are queued, e.g. '/api/v1'. Default: every API path. */
  pathPrefix?: string;
  /**
   * A queued write whose user signed out, or was replaced by another user, before it could go is never
   * sent under anyone else. 'drop' (default): it is deleted. 'keep': it stays queued and goes when the
   * user who made it signs in again. Either way the page is told (`queue-changed`).
   */
  onIdentityChange?: 'drop' | 'keep';
  /** At most this many writes wait; past that a write fails as it would without the queue. Default 100. */
  maxEntries?: number;
}

export type ResolvedOfflineWrites = Required<OfflineWritesOptions>;

/** Worker configuration, compiled into the worker at build time (never read from a URL or a message). */
export interface InjectorConfig {
  /** Exact API origins that get a token, e.g. ['http://localhost:8000']. */
  apiOrigins: string[];
  /** Only paths under this prefix get a token, e.g. '/api'. Default: every path of the API origins. */
  apiPathPrefix?: string;
  /**
   * The origin Better Auth is served from, e.g. 'https://auth.example.com'. Default: the app's own origin.
   * Another origin must answer the app's origin with CORS and credentials (docs/auth-origin.md).
   */
  authOrigin?: string;
  /** Where Better Auth is mounted on `authOrigin`. Default '/api/auth'. */
  authBasePath?: string;
  /** Refresh this long before expiry; clamped to half the token lifetime. Default 180. */
  refreshMarginSeconds?: number;
  /** How long a "signed out" answer is trusted before asking again. Default 60. */
  sessionTtlSeconds?: number;
  /** Give up on the token endpoint after this long. Default 5000. */
  tokenTimeoutMs?: number;
  /** Refuse tokens longer than this. Default 8192. */
  maxTokenBytes?: number;
  /**
   * Only requests carrying this header (any value) get a token; the worker removes it before sending.
   * Closes the door to injected markup (`<link rel=preload as=fetch crossorigin>` reaches the worker exactly
   * like fetch() but cannot set headers). Default: none (every script-like request to the API qualifies).
   */
  requireHeader?: string;
  /**
   * Which requests Static Routing API rules send straight to the network, without waking the worker (where
   * the browser has the API). 'all': every request that can never get a token (the default worker's
   * default). 'cross-origin': only requests to origins other than the app's and the API's, so a host
   * worker's same-origin routes (precache, offline shell) keep working. 'none': no rules, the host worker
   * sees every request (installTokenInjector's default: it cannot know the host's routes).
   */
  staticRoutes?: StaticRoutes;
  /**
   * Keep counters and an event log for `status()` (the demo's inspector). Default false: production
   * workers leave that code out. Custom workers get it by defining `__BEARER_WORKER_INSPECTOR__: true`.
   */
  inspector?: boolean;
  /**
   * Keep marked writes (POST, PUT, PATCH, DELETE carrying `x-bearer-worker-queue`) that fail because the
   * network is down, answer them 202, and replay them when it is back, each under a fresh token of the
   * same user. `true` for the defaults. Default off, and the queue is then left out of the worker.
   */
  offlineWrites?: boolean | OfflineWritesOptions;
}

export type ResolvedConfig = Required<
  Omit<InjectorConfig, 'apiPathPrefix' | 'authOrigin' | 'requireHeader' | 'offlineWrites'>
> & {
  apiPathPrefix: string;
  /** '' for the app's own origin: the worker's auth URLs are then relative to its own. */
  authOrigin: string;
  /** Lower case; '' when not required. */
  requireHeader: string;
  /** Present only when enabled, so the default worker's compiled-in config does not grow. */
  offlineWrites?: ResolvedOfflineWrites;
};
