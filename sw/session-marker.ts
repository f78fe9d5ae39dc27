import type { SessionMarker } from './session.js';

/**
 * The "a session was seen in this browser" flag in Cache Storage (the worker has no localStorage): it
 * outlives a stopped worker, so a real expiry still reaches the login page, while a visitor who never
 * signed in here is never told their session expired. It holds '1', never the token.
 */
export function cacheSessionMarker(): SessionMarker {
  // Resolved against the worker's own URL: one marker per app origin.
  const key = '/__bearer-worker/session-seen';
  const open = () => caches.open('bearer-worker');
  return {
    get: () =>
      open().then(
        (c) => c.match(key).then(Boolean),
        () => false,
      ),
    set: (seen) => open().then((c) => (seen ? c.put(key, new Response('1')) : c.delete(key).then(() => {}))),
  };
}
