import { Route } from 'workbox-routing/Route.js';
import { Router } from 'workbox-routing/Router.js';
import { addStaticRoutes } from './add-static-routes.js';
import { createApiHandler } from './create-api-handler.js';
import { createAuthHandler } from './create-auth-handler.js';
import { createMessageHandler } from './create-message-handler.js';
import { createPageLoadStep } from './create-page-load-step.js';
import { createApiMatcher, createAuthMatcher } from './route-matchers.js';
import { Session } from './session.js';
import { cacheSessionMarker } from './session-marker.js';
import { createSignOutCoordinator } from './sign-out-coordinator.js';
import { createTokenProvider } from './token-provider.js';
import type { ResolvedConfig } from '../config/types.js';
import { createWorkerState, logEvent } from './worker-state.js';
import { TRACE } from './trace.js';

declare const self: ServiceWorkerGlobalScope;

// workbox-routing matches GET only unless told otherwise.
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Starts the injector with a config that was already checked (at build time for the default worker,
 * by installTokenInjector otherwise): the worker bundle carries no option checks or their messages.
 */
export function startTokenInjector(resolved: ResolvedConfig, build: string): void {
  const origin = self.location.origin;
  const state = createWorkerState();
  const session = new Session(
    resolved.refreshMarginSeconds,
    resolved.sessionTtlSeconds,
    state.now,
    cacheSessionMarker(origin),
  );
  // Called through a closure: the worker's fetch throws when called as a method of another object.
  const fetchFn: typeof fetch = (...a) => fetch(...a);
  const signOut = createSignOutCoordinator(
    origin + resolved.authBasePath + '/sign-out',
    session,
    state,
    fetchFn,
    self.clients,
  );
  const provider = createTokenProvider(session, resolved, state, () => void signOut.sessionLost(), fetchFn, origin);
  if (TRACE) logEvent(state, 'worker-started');

  const router = new Router();
  const isAuth = createAuthMatcher(resolved, origin);
  const isApi = createApiMatcher(resolved, isAuth);
  const marker = resolved.requireHeader;
  const api = createApiHandler(provider, state, marker);
  const pageLoaded = createPageLoadStep(provider);
  const auth = createAuthHandler(resolved.authBasePath, session, signOut, state, pageLoaded);
  for (const method of METHODS) {
    router.registerRoute(new Route(isApi, api, method));
    router.registerRoute(new Route(isAuth, auth, method));
  }
  router.addFetchListener();

  self.addEventListener('install', (event) => {
    // A scope that does not cover Better Auth's path would let an iframe of the token endpoint reach the
    // network past us: refuse to install (the bridge's `ready` rejects).
    const scopePath = new URL(self.registration.scope).pathname;
    if (!(resolved.authBasePath + '/').startsWith(scopePath)) {
      event.waitUntil(Promise.reject(new Error(`scope-mismatch: ${scopePath}`)));
      return;
    }
    void self.skipWaiting();
    addStaticRoutes(event, resolved, origin);
  });
  self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
  self.addEventListener('message', createMessageHandler(resolved.apiOrigins, build, provider, signOut, state, self));
}
