import { Route } from 'workbox-routing/Route.js';
import { addRouteListener } from './add-route-listener.js';
import { addStaticRoutes } from './add-static-routes.js';
import { createApiHandler } from './create-api-handler.js';
import { createApiWarmUp } from './create-api-warm-up.js';
import { createAuthHandler } from './create-auth-handler.js';
import { createMessageHandler } from './create-message-handler.js';
import { createPageLoadStep } from './create-page-load-step.js';
import { createApiMatcher, createAuthMatcher } from './route-matchers.js';
import { Session } from './session.js';
import { cacheEntry } from './session-marker.js';
import { createSignOutCoordinator } from './sign-out-coordinator.js';
import { createTokenProvider } from './token-provider.js';
import type { ResolvedConfig } from '../config/types.js';
import { createWorkerState, logEvent } from './worker-state.js';
import { TRACE } from './trace.js';
import { installOfflineQueue } from './offline-queue/install-offline-queue.js';
import { OFFLINE } from './offline-queue/offline-flag.js';

declare const self: ServiceWorkerGlobalScope;

// workbox-routing matches GET only unless told otherwise.
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Starts the injector with a config that was already checked (at build time for the default worker,
 * by installTokenInjector otherwise): the worker bundle carries no option checks or their messages.
 */
export function startTokenInjector(config: ResolvedConfig, build: string, takeOverAtOnce = true): void {
  const origin = self.location.origin;
  // Where Better Auth lives is one value, `config.authOrigin` ('' for the app's own origin, so its URLs
  // stay relative to the worker's): every auth decision below reads it.
  const state = createWorkerState();
  const session = new Session(
    config.refreshMarginSeconds,
    config.sessionTtlSeconds,
    state.now,
    cacheEntry('session-seen'),
    cacheEntry('token-backoff'),
  );
  // Called through a closure: the worker's fetch throws when called as a method of another object. The
  // session cookie goes to another origin only with `credentials: 'include'`.
  const credentials = config.authOrigin ? 'include' : 'same-origin';
  const authFetch: typeof fetch = (url, init) => fetch(url, { ...init, credentials });
  const signOut = createSignOutCoordinator(
    config.authOrigin + config.authBasePath + '/sign-out',
    session,
    state,
    authFetch,
    self.clients,
  );
  const provider = createTokenProvider(session, config, state, (g) => void signOut.sessionLost(g), authFetch);
  if (TRACE) logEvent(state, 'worker-started');

  const isAuth = createAuthMatcher(config, origin);
  const isApi = createApiMatcher(config, isAuth);
  const marker = config.requireHeader;
  // Only in workers built with offlineWrites: elsewhere OFFLINE is false and the queue is left out.
  const queue =
    OFFLINE && config.offlineWrites ? installOfflineQueue(config.offlineWrites, provider, marker, self) : undefined;
  // Two calls rather than an `undefined` argument: the default worker's bundle keeps no trace of the queue.
  const api = queue
    ? createApiHandler(provider, state, marker, queue.guard)
    : createApiHandler(provider, state, marker);
  const pageLoaded = createPageLoadStep(provider, createApiWarmUp(config, api));
  const auth = createAuthHandler(config.authBasePath, session, signOut, state, pageLoaded);
  addRouteListener(METHODS.flatMap((method) => [new Route(isApi, api, method), new Route(isAuth, auth, method)]));

  self.addEventListener('install', (event) => {
    // A scope that does not cover Better Auth's path would let an iframe of the token endpoint reach the
    // network past us: refuse to install (the bridge's `ready` rejects).
    const scopePath = new URL(self.registration.scope).pathname;
    if (!(config.authBasePath + '/').startsWith(scopePath)) {
      event.waitUntil(Promise.reject(new Error(`scope-mismatch: ${scopePath}`)));
      return;
    }
    // The default worker takes over at once (tokens flow throughout, no reload); a host worker keeps its
    // own update policy (prompting PWAs wait for the app's SKIP_WAITING), so the old build serves until then.
    if (takeOverAtOnce) void self.skipWaiting();
    addStaticRoutes(event, config, origin);
  });
  self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
  const o = config.apiOrigins;
  self.addEventListener(
    'message',
    queue
      ? createMessageHandler(o, build, provider, signOut, state, self, takeOverAtOnce, queue.handlers)
      : createMessageHandler(o, build, provider, signOut, state, self, takeOverAtOnce),
  );
}
