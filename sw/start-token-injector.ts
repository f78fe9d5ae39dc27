import { Route } from 'workbox-routing/Route.js';
import { Router } from 'workbox-routing/Router.js';
import { addStaticRoutes } from './add-static-routes.js';
import { createApiHandler } from './create-api-handler.js';
import { createAuthHandler } from './create-auth-handler.js';
import { createMessageHandler } from './create-message-handler.js';
import { createApiMatcher, createAuthMatcher } from './route-matchers.js';
import { SignOutCoordinator } from './sign-out-coordinator.js';
import { TokenProvider } from './token-provider.js';
import type { ResolvedConfig } from './types.js';
import { WorkerState } from './worker-state.js';
import { INSPECTOR } from './inspector.js';

declare const self: ServiceWorkerGlobalScope;

// workbox-routing matches GET only unless told otherwise.
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Starts the injector with a config that was already checked (at build time for the default worker,
 * by installTokenInjector otherwise): the worker bundle carries no option checks or their messages.
 */
export function startTokenInjector(resolved: ResolvedConfig, build: string): void {
  const origin = self.location.origin;
  const state = new WorkerState();
  const provider = new TokenProvider(resolved, state);
  const signOut = new SignOutCoordinator(origin + resolved.authBasePath + '/sign-out', provider, state);
  if (INSPECTOR) state.log('worker-started');

  const router = new Router();
  const isApi = createApiMatcher(resolved, origin);
  const isAuth = createAuthMatcher(resolved, origin);
  const api = { handle: createApiHandler(provider, signOut, state) };
  const auth = { handle: createAuthHandler(resolved.authBasePath, signOut, state) };
  for (const method of METHODS) {
    router.registerRoute(new Route(isApi, api, method));
    router.registerRoute(new Route(isAuth, auth, method));
  }
  router.addFetchListener();

  self.addEventListener('install', (event) => {
    void self.skipWaiting();
    addStaticRoutes(event, resolved, origin);
  });
  self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
  self.addEventListener('message', createMessageHandler(resolved, build, provider, signOut, state, self));
}
