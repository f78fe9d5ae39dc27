import type { Route } from 'workbox-routing/Route.js';

declare const self: ServiceWorkerGlobalScope;

/**
 * Answers each fetch event with the first route whose method and matcher take the request, as
 * workbox-routing's Router would: the routes are workbox-routing's own Route objects. The Router class is
 * left out because what it adds here (default and catch handlers, a cache listener, route removal, params)
 * is code this worker never runs, about 450 B of its 6 kB budget. A request no route takes is not answered,
 * so it goes to the network (or to a host worker's own fetch listeners) untouched.
 */
export function addRouteListener(routes: Route[]): void {
  self.addEventListener('fetch', (event) => {
    const { request } = event;
    const url = new URL(request.url);
    const sameOrigin = url.origin === self.location.origin;
    const route = routes.find((r) => r.method === request.method && r.match({ url, request, event, sameOrigin }));
    if (route) event.respondWith(route.handler.handle({ url, request, event }));
  });
}
