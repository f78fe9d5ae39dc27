// src/sw.ts: the app's own worker. Its precached offline shell, and bearer-worker's token injector.
import { installTokenInjector } from 'bearer-worker/sw';
import { createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
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
// Offline navigations get the shell; Better Auth's own pages (OAuth callbacks) never do.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }));
