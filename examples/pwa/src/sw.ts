// src/sw.ts: the app's own worker, built by vite-plugin-pwa (injectManifest). Its precached offline
// shell, its prompt-to-update policy, and bearer-worker's token injector.
import { installTokenInjector } from 'bearer-worker/sw';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: { url: string; revision: string | null }[] };

// First, so its fetch listener sees API and Better Auth requests before the host's routes.
installTokenInjector({
  apiOrigins: [import.meta.env.VITE_API_ORIGIN],
  apiPathPrefix: '/api',
  // Same-origin requests all reach this worker (the routes below); requests to other origins than the
  // API's go straight to the network without waking it. Keep the default ('none') if you route any.
  staticRoutes: 'cross-origin',
});

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Offline navigations get the shell; Better Auth's own pages (OAuth callbacks) never do.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));

// Prompt-to-update: a new build waits (the old one keeps serving, tokens included) until a page accepts
// it (workbox-window's messageSkipWaiting, from the bridge's onUpdate).
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
