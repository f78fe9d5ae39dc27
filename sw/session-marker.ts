/**
 * One small JSON value in Cache Storage (the worker has no localStorage) that outlives a stopped worker:
 * the "a session was seen in this browser" flag, so a real expiry still reaches the login page while a
 * visitor who never signed in here is never told their session expired, and the token backoff, so a
 * worker woken during an outage keeps its pace. Never the token.
 */
export function cacheEntry<T>(name: string): { get(): Promise<T | undefined>; set(value: T): Promise<void> } {
  // Resolved against the worker's own URL: one entry per app origin.
  const key = '/__bearer-worker/' + name;
  // A task later: Cache Storage costs a just-started worker a few ms of its thread, which the request
  // being handled now (the API call that woke it) must not wait for. Never rejects: a worker without
  // Cache Storage (or with it blocked) works from memory alone.
  const use = <R>(op: (cache: Cache) => Promise<R>) =>
    new Promise((r) => setTimeout(r))
      .then(() => caches.open('bearer-worker'))
      .then(op)
      .catch(() => undefined);
  return {
    get: () => use(async (cache) => (await cache.match(key))?.json() as Promise<T> | undefined),
    set: (value) => use((cache) => cache.put(key, Response.json(value))),
  };
}
